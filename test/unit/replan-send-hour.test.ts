/**
 * The owner changes the send hour or the time zone while a courtesy step (J-5) waits for today's send
 * time: its new time today may already be past. It was never missed (it was pending, the due date days
 * ahead): it goes at the next send window before the due date, never skipped `due_passed` for good.
 */
import { describe, expect, it } from 'vitest';
import { B2B_DEFAULT_SCENARIO } from '../../shared/domain/default-scenarios.js';
import { planNewSteps, replanScheduled, type RecordedStep, type StepPlanInput } from '../../shared/domain/reminder-steps.js';
import { localDateTimeOf } from '../../shared/domain/zoned-time.js';
import { aScenario, aStep, parisCalendar, parisTime } from '../fixtures/plan-fixtures.js';

// Invoice due Wednesday 11 Mar 2026, sent Monday 2 Mar; every day a send day, at 23:00 Paris.
const dueDate = '2026-03-11';
const base = (overrides: Partial<StepPlanInput> = {}): StepPlanInput => ({
  scenario: B2B_DEFAULT_SCENARIO,
  dueDate,
  calendar: parisCalendar({ sendHour: 23, skipWeekends: false }),
  now: parisTime('2026-03-02T10:00'),
  minGapDays: 3,
  graceDaysAfterPayment: 3,
  ...overrides,
});
const recorded = (input: StepPlanInput): RecordedStep[] =>
  planNewSteps(input, 1, []).map((s) => ({ ...s, at: input.now.toISOString() }));

describe('re-planning a courtesy step whose new time today is already past', () => {
  it('moves J-5 (Fri 6 Mar, 23:00) to Sat 7 Mar 01:00 when the owner sets 01:00 on the Friday morning', () => {
    const steps = recorded(base());
    expect(localDateTimeOf(new Date(steps[0]!.scheduledAt!), 'Europe/Paris')).toBe('2026-03-06T23:00:00');
    const changes = replanScheduled(base({ calendar: parisCalendar({ sendHour: 1, skipWeekends: false }), now: parisTime('2026-03-06T10:00') }), steps);
    const j5 = changes.find((c) => c.ref.index === 0);
    expect(j5).toMatchObject({ kind: 'move', localTime: '2026-03-07T01:00:00' });
    // The overdue steps move to 01:00 of their own days.
    expect(changes.find((c) => c.ref.index === 1)).toMatchObject({ kind: 'move', localTime: '2026-03-12T01:00:00' });
  });

  it('moves J-5 to the next morning in Nouméa when the tenant moves there after today’s 09:00 has passed there', () => {
    const paris = base({ calendar: parisCalendar({ sendHour: 9, skipWeekends: false }) });
    const steps = recorded(paris);
    // Friday 6 Mar 08:00 Paris = 18:00 Nouméa: 09:00 today has passed there, not in Paris.
    const noumea = parisCalendar({ sendHour: 9, skipWeekends: false, timeZone: 'Pacific/Noumea' });
    const changes = replanScheduled({ ...paris, calendar: noumea, now: parisTime('2026-03-06T08:00') }, steps);
    expect(changes.find((c) => c.ref.index === 0)).toMatchObject({ kind: 'move', localTime: '2026-03-07T09:00:00' });
  });

  it('still skips it when the next send window is the due date (a J-1 whose 23:00 becomes 01:00 on its day)', () => {
    const scenario = aScenario([aStep({ id: 'j-1', offsetDays: -1, templateId: 'courtesy' }), aStep({ id: 'j+1', offsetDays: 1, templateId: 'reminder' })]);
    const input = base({ scenario, dueDate: '2026-03-07' });
    const steps = recorded(input);
    expect(localDateTimeOf(new Date(steps[0]!.scheduledAt!), 'Europe/Paris')).toBe('2026-03-06T23:00:00');
    const changes = replanScheduled({ ...input, calendar: parisCalendar({ sendHour: 1, skipWeekends: false }), now: parisTime('2026-03-06T10:00') }, steps);
    expect(changes.find((c) => c.ref.index === 0)).toMatchObject({ kind: 'skip', reason: 'due_passed' });
  });

  it('still skips it when the due date moved earlier and its day is past (README: due date moved earlier)', () => {
    const steps = recorded(base());
    const changes = replanScheduled(base({ dueDate: '2026-03-09', now: parisTime('2026-03-06T10:00') }), steps);
    expect(changes.find((c) => c.ref.index === 0)).toMatchObject({ kind: 'skip', reason: 'due_passed' });
  });
});
