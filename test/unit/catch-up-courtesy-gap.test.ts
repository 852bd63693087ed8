/**
 * The catch-up rule (PRODUCT.md) when an invoice (re-)enters its plan (first send, a payment plan that
 * ended, a resume): a before-due step whose own time has already passed is recorded `skipped: due_passed`;
 * the client's gap never revives it on a later day, even one still before the due date. A before-due step
 * whose own time is still ahead and that the gap pushes to a later day goes that day while it is before
 * the due date. The engine (reconcile-schedules, planNewSteps) and the dry run (simulation `withPlanEnd`,
 * `withResume`, planNewSteps at the plan's end) plan it the same way; the engine used to send such a J-5
 * on the day the gap allowed (README "Known issues": a courtesy step after a payment plan ends).
 */
import { describe, expect, it } from 'vitest';
import { B2B_DEFAULT_SCENARIO } from '../../shared/domain/default-scenarios.js';
import { planNewSteps, replanScheduled, type RecordedStep, type StepPlanInput } from '../../shared/domain/reminder-steps.js';
import { parisCalendar, parisTime } from '../fixtures/plan-fixtures.js';

// Due Tuesday 22 Dec 2026: J-5 is Thursday 17 Dec at 09:00 (Paris business days).
const input = (now: string, lastMessage: string): StepPlanInput => ({
  scenario: B2B_DEFAULT_SCENARIO,
  dueDate: '2026-12-22',
  calendar: parisCalendar(),
  now: parisTime(now),
  minGapDays: 3,
  graceDaysAfterPayment: 3,
  lastMessageToClientAt: parisTime(lastMessage).toISOString(),
});
const brief = (steps: ReturnType<typeof planNewSteps>) => steps.map((s) => [s.stepId, s.state, s.localTime ?? s.reason]);

describe('the catch-up rule for a courtesy step the client gap pushes', () => {
  it('skips a J-5 whose own time passed when the invoice re-enters its plan, though the gap would put it before the due date', () => {
    // Re-entry Friday 18 Dec 10:00 (a payment plan just ended); the plan's last reminder reached the client on
    // Thursday 17 at 09:00. The gap allows Monday 21 Dec, the day before the due date: the engine sent J-5 then.
    const plan = planNewSteps(input('2026-12-18T10:00', '2026-12-17T09:00'), 2, []);
    expect(brief(plan).slice(0, 2)).toEqual([
      ['j-5', 'skipped', 'due_passed'],
      ['j+1', 'scheduled', '2026-12-23T09:00:00'],
    ]);
  });

  it('sends a J-5 whose own time is still ahead on the later day the gap allows, before the due date', () => {
    // Entry Wednesday 16 Dec 10:00, a message that morning at 09:00: J-5 (Thu 17) waits for the gap, Monday 21.
    const plan = planNewSteps(input('2026-12-16T10:00', '2026-12-16T09:00'), 1, []);
    expect(brief(plan)[0]).toEqual(['j-5', 'scheduled', '2026-12-21T09:00:00']);
  });

  it('leaves a pending J-5 the gap pushed where it is when the invoice is re-planned after its own time (it was not missed)', () => {
    const entry = input('2026-12-16T10:00', '2026-12-16T09:00');
    const records: RecordedStep[] = planNewSteps(entry, 1, []).map((s) => ({ ...s, at: entry.now.toISOString() }));
    const changes = replanScheduled({ ...entry, now: parisTime('2026-12-18T10:00') }, records);
    expect(changes.find((c) => c.ref.index === 0)).toBeUndefined();
  });
});
