import { describe, expect, it } from 'vitest';
import { skipStepsSentInGroup } from '../../shared/app/reminders/manual-coverage.js';
import type { StepRecordItem } from '../../shared/app/ports/reminder-steps.js';
import { FakeInvoiceRepository } from '../fixtures/fakes.js';
import { FakeStepRepository } from '../fixtures/step-fakes.js';

const step = (index: number, stepId: string, templateId: string, state: StepRecordItem['state'], scheduledAt: string, extra: Partial<StepRecordItem> = {}): StepRecordItem =>
  ({ plan: 1, index, stepId, templateId, state, scheduledAt, at: '2026-03-01T08:00:00.000Z', attempts: 0, ...extra });

/** An invoice whose J+1 just went out inside a client's grouped message, on 16 March. */
const world = (lateSteps: StepRecordItem[]) => {
  const invoices = new FakeInvoiceRepository();
  const steps = new FakeStepRepository();
  steps.records.set('acme|inv', [step(0, 'j+1', 'reminder', 'sent', '2026-03-16T08:00:00.000Z', { sentAt: '2026-03-16T08:00:00.000Z' }), ...lateSteps]);
  return { invoices, steps };
};
const now = new Date('2026-03-16T08:00:00.000Z');
const states = (steps: FakeStepRepository) => steps.records.get('acme|inv')!.map((r) => [r.stepId, r.state, r.reason]);

describe('skipStepsSentInGroup (an overdue invoice that went out in a firmer grouped message)', () => {
  it('skips its gentler pending steps (group_sent) and keeps the step with the message’s own text when it is weeks away', async () => {
    const w = world([step(1, 'j+8', 'firm', 'scheduled', '2026-03-23T08:00:00.000Z'), step(2, 'j+15', 'formal-notice', 'scheduled', '2026-03-30T08:00:00.000Z'), step(3, 'escalate', 'escalate', 'scheduled', '2026-04-14T08:00:00.000Z')]);
    await skipStepsSentInGroup(w, { tenantId: 'acme', id: 'inv' }, 'formal-notice', now);
    expect(states(w.steps)).toEqual([['j+1', 'sent', undefined], ['j+8', 'skipped', 'group_sent'], ['j+15', 'scheduled', undefined], ['escalate', 'scheduled', undefined]]);
    expect((await w.invoices.timeline('acme', 'inv', { limit: 50 })).items.map((e) => [e.type, e.data])).toEqual([['reminder.skipped', { stepId: 'j+8', plan: 1, reason: 'group_sent' }]]);
  });

  it('also skips the step with the message’s text when it was due within 8 days, as for a manual reminder', async () => {
    const w = world([step(1, 'j+8', 'firm', 'scheduled', '2026-03-20T08:00:00.000Z'), step(2, 'j+15', 'formal-notice', 'scheduled', '2026-03-23T08:00:00.000Z')]);
    await skipStepsSentInGroup(w, { tenantId: 'acme', id: 'inv' }, 'formal-notice', now);
    expect(states(w.steps).map(([, state]) => state)).toEqual(['sent', 'skipped', 'skipped']);
  });

  it('skips nothing when the message’s template is no pending step’s (an owner’s own, a gentler one)', async () => {
    const w = world([step(1, 'j+8', 'firm', 'scheduled', '2026-03-23T08:00:00.000Z')]);
    await skipStepsSentInGroup(w, { tenantId: 'acme', id: 'inv' }, 'courtesy', now);
    expect(states(w.steps).map(([, state]) => state)).toEqual(['sent', 'scheduled']);
  });
});
