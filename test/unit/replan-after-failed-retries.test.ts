/**
 * A reminder failed after its retries (SES down for a day): its last retry may fall on the next
 * morning (Monday 09:00, 09:15, 11:15, 19:15, then Tuesday 09:00: within 24 h). The later steps keep
 * the spacing from the step's own slot, not from that last retry: the client received nothing more,
 * and the J+8 the plan showed is the J+8 that goes out.
 */
import { describe, expect, it } from 'vitest';
import { B2B_DEFAULT_SCENARIO } from '../../shared/domain/default-scenarios.js';
import { planNewSteps, replanScheduled, type RecordedStep, type StepPlanInput } from '../../shared/domain/reminder-steps.js';
import { localDateTimeOf } from '../../shared/domain/zoned-time.js';
import { parisCalendar, parisTime } from '../fixtures/plan-fixtures.js';

// Invoice due Wednesday 25 Nov 2026, sent on Friday 27 Nov after 09:00: its J+1 is caught up on Monday 30 Nov.
const base = (overrides: Partial<StepPlanInput> = {}): StepPlanInput => ({
  scenario: B2B_DEFAULT_SCENARIO,
  dueDate: '2026-11-25',
  calendar: parisCalendar({ sendHour: 9 }),
  now: parisTime('2026-11-27T10:00'),
  minGapDays: 3,
  graceDaysAfterPayment: 3,
  ...overrides,
});

const local = (iso: string | undefined) => localDateTimeOf(new Date(iso!), 'Europe/Paris');

describe('re-planning after a step failed its retries', () => {
  const first = planNewSteps(base(), 1, []).map((s): RecordedStep => ({ ...s, at: base().now.toISOString() }));
  const j1 = first.find((s) => s.stepId === 'j+1')!;
  const j8 = first.find((s) => s.stepId === 'j+8')!;

  it('plans the caught-up J+1 on Monday and the J+8 a week later', () => {
    expect(local(j1.scheduledAt)).toBe('2026-11-30T09:00:00');
    expect(local(j8.scheduledAt)).toBe('2026-12-07T09:00:00');
  });

  it('leaves the J+8 on its date when the J+1’s last retry failed on Tuesday morning', () => {
    const failed: RecordedStep = {
      ...j1,
      state: 'failed',
      reason: 'send_failed',
      at: parisTime('2026-12-01T09:00').toISOString(),
      scheduledAt: parisTime('2026-12-01T09:00').toISOString(),
      firstFailedAt: parisTime('2026-11-30T09:00').toISOString(),
    };
    const records = first.map((r) => (r.stepId === 'j+1' ? failed : r));
    const changes = replanScheduled(base({ now: parisTime('2026-12-01T09:01') }), records);
    expect(changes.filter((c) => c.ref.index === j8.index)).toEqual([]);
  });

  it('spaces from the last attempt when the record has no first failure (older records)', () => {
    const failed: RecordedStep = { ...j1, state: 'failed', reason: 'send_failed', at: parisTime('2026-12-01T09:00').toISOString() };
    const records = first.map((r) => (r.stepId === 'j+1' ? failed : r));
    const changes = replanScheduled(base({ now: parisTime('2026-12-01T09:01') }), records);
    expect(changes.find((c) => c.ref.index === j8.index)).toMatchObject({ kind: 'move', localTime: '2026-12-08T09:00:00' });
  });
});
