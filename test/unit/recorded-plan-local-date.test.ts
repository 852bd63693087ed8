/**
 * The plan view of a step record written before records carried their planned date (`nominalDate`):
 * the tenant's date of its send time, not the UTC one.
 */
import { describe, expect, it } from 'vitest';
import { recordedOrProjected, type ReminderContext } from '../../shared/app/reminders/reminder-context.js';
import { B2B_DEFAULT_SCENARIO } from '../../shared/domain/default-scenarios.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import type { StepRecordItem } from '../../shared/domain/step.js';
import { aClient, anInvoiceRecord } from '../fixtures/fakes.js';

const oldRecord = (index: number, stepId: string, scheduledAt: string): StepRecordItem => ({
  plan: 1,
  index,
  stepId,
  templateId: B2B_DEFAULT_SCENARIO.steps[index]!.templateId,
  state: 'scheduled',
  at: '2026-03-01T10:00:00.000Z',
  scheduledAt,
  attempts: 0,
});

const contextIn = (timezone: string): ReminderContext => ({
  invoice: anInvoiceRecord({ dueDate: '2026-03-20' }),
  client: aClient(),
  settings: { ...defaultSettings(), timezone },
  records: [oldRecord(1, 'j+1', '2026-03-20T23:30:00.000Z'), oldRecord(2, 'j+8', '2026-03-28T08:00:00.000Z')],
  scenario: B2B_DEFAULT_SCENARIO,
  scenarioRule: 'default',
});

describe('the plan view of a record without its planned date', () => {
  it('dates it in the tenant’s time zone', () => {
    const now = new Date('2026-03-02T10:00:00.000Z');
    // 23:30 UTC on 20 March is 21 March in Paris, still 20 March in Martinique.
    expect(recordedOrProjected(contextIn('Europe/Paris'), now).map((s) => [s.stepId, s.nominalDate])).toEqual([
      ['j+1', '2026-03-21'],
      ['j+8', '2026-03-28'],
    ]);
    expect(recordedOrProjected(contextIn('America/Martinique'), now).map((s) => s.nominalDate)).toEqual(['2026-03-20', '2026-03-28']);
  });
});
