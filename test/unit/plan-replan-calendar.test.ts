/**
 * A payment plan's pending steps re-planned after the send calendar changed (send hour, time zone,
 * weekends, holidays): they stayed where the old calendar put them while the scenario's moved. Pure:
 * replanPlanSteps, with the rules of planInstalmentSteps (order, one step a day, courtesy before its
 * instalment) and of replanScheduled (terminal, imminent and retrying steps stay and bound the others).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { planInstalmentSteps, replanPlanSteps, type PaymentPlan, type PlannedPlanStep, type RecordedPlanStep } from '../../shared/domain/payment-plan.js';
import type { StepChange } from '../../shared/domain/reminder-steps.js';
import { isSendDay, type SendCalendar } from '../../shared/domain/send-calendar.js';
import { localDateTimeOf } from '../../shared/domain/zoned-time.js';
import { parisCalendar, parisTime } from '../fixtures/plan-fixtures.js';

const plan = (instalments: { dueDate: string; amountCents: number }[]): Pick<PaymentPlan, 'seq' | 'instalments'> => ({ seq: 1, instalments });
// Tuesdays: each courtesy step (3 days before) nominally on a Saturday, each late one (3 days after) on a Friday.
const TWO = [
  { dueDate: '2026-03-10', amountCents: 40_000 },
  { dueDate: '2026-03-24', amountCents: 40_000 },
];
const recordedAt = parisTime('2026-03-02T10:00');
const recorded = (steps: PlannedPlanStep[], at = recordedAt): RecordedPlanStep[] => steps.map((s) => ({ ...s, at: at.toISOString() }));
const planned = (calendar: SendCalendar, instalments = TWO, now = recordedAt) => recorded(planInstalmentSteps({ plan: plan(instalments), calendar, now, courtesyDays: 3, lateDays: 3 }), now);
const apply = (steps: RecordedPlanStep[], changes: StepChange[]): RecordedPlanStep[] =>
  steps.map((s) => {
    const c = changes.find((x) => x.ref.index === s.index);
    if (!c) return s;
    return c.kind === 'move' ? { ...s, scheduledAt: c.scheduledAt, localTime: c.localTime } : { ...s, state: 'skipped', reason: c.reason, scheduledAt: undefined, localTime: undefined };
  });
const wall = (steps: RecordedPlanStep[], timeZone = 'Europe/Paris') => steps.map((s) => (s.state === 'scheduled' ? localDateTimeOf(new Date(s.scheduledAt!), timeZone).slice(0, 16) : s.state));

describe('re-planning a payment plan’s steps after a calendar change', () => {
  it('changes nothing with the calendar they were planned with', () => {
    const steps = planned(parisCalendar());
    expect(wall(steps)).toEqual(['2026-03-09T09:00', '2026-03-13T09:00', '2026-03-23T09:00', '2026-03-27T09:00']);
    expect(replanPlanSteps({ calendar: parisCalendar(), now: parisTime('2026-03-05T15:00') }, steps)).toEqual([]);
  });

  it('moves every pending step to the new send hour, on the same days', () => {
    const steps = planned(parisCalendar());
    const changes = replanPlanSteps({ calendar: parisCalendar({ sendHour: 18 }), now: parisTime('2026-03-05T15:00') }, steps);
    expect(wall(apply(steps, changes))).toEqual(['2026-03-09T18:00', '2026-03-13T18:00', '2026-03-23T18:00', '2026-03-27T18:00']);
    expect(changes.every((c) => c.kind === 'move')).toBe(true);
  });

  it('puts the courtesy steps back on their Saturdays when weekends become send days, and follows a new time zone', () => {
    const steps = planned(parisCalendar());
    const weekends = apply(steps, replanPlanSteps({ calendar: parisCalendar({ skipWeekends: false }), now: parisTime('2026-03-05T15:00') }, steps));
    expect(wall(weekends)).toEqual(['2026-03-07T09:00', '2026-03-13T09:00', '2026-03-21T09:00', '2026-03-27T09:00']);
    const cayenne = parisCalendar({ skipWeekends: false, timeZone: 'America/Cayenne', region: 'guyane' });
    const moved = apply(weekends, replanPlanSteps({ calendar: cayenne, now: parisTime('2026-03-05T15:00') }, weekends));
    expect(wall(moved, 'America/Cayenne')).toEqual(['2026-03-07T09:00', '2026-03-13T09:00', '2026-03-21T09:00', '2026-03-27T09:00']);
  });

  it('leaves sent, imminent and retrying steps where they are, and moves the later ones after them', () => {
    const steps = planned(parisCalendar({ skipWeekends: false }));
    // The courtesy step went out on Saturday 7; the late one waits for its retry on Friday 13 at 09:15.
    const history: RecordedPlanStep[] = steps.map((s) =>
      s.index === 0 ? { ...s, state: 'sent', sentAt: s.scheduledAt! }
      : s.index === 1 ? { ...s, scheduledAt: parisTime('2026-03-13T09:15').toISOString(), localTime: '2026-03-13T09:15:00', reason: 'retry' }
      : s,
    );
    const changes = replanPlanSteps({ calendar: parisCalendar({ sendHour: 7, skipWeekends: false }), now: parisTime('2026-03-13T09:10') }, history);
    expect(changes.map((c) => c.ref.index)).toEqual([2, 3]);
    expect(wall(apply(history, changes))).toEqual(['sent', '2026-03-13T09:15', '2026-03-21T07:00', '2026-03-27T07:00']);
    // Imminent: left to its schedule.
    expect(replanPlanSteps({ calendar: parisCalendar({ sendHour: 7, skipWeekends: false }), now: parisTime('2026-03-21T08:59') }, history).map((c) => c.ref.index)).toEqual([3]);
  });

  it('sends a courtesy step whose new time today has passed at the next window before its instalment, else skips it', () => {
    // Courtesy on Saturday 7 at 09:00 (weekends are send days), instalment on Tuesday 10: at 08:00 the owner sets 07:00.
    const weekends = planned(parisCalendar({ skipWeekends: false }));
    const sunday = replanPlanSteps({ calendar: parisCalendar({ sendHour: 7, skipWeekends: false }), now: parisTime('2026-03-07T08:00') }, weekends);
    expect(sunday.find((c) => c.ref.index === 0)).toMatchObject({ kind: 'move', localTime: '2026-03-08T07:00:00' });
    // Courtesy on Monday 9 (weekends skipped): the next window is the instalment's own date, and Monday's 07:00 has passed.
    const steps = planned(parisCalendar());
    const skipped = replanPlanSteps({ calendar: parisCalendar({ sendHour: 7 }), now: parisTime('2026-03-09T08:00') }, steps);
    expect(skipped.find((c) => c.ref.index === 0)).toMatchObject({ kind: 'skip', reason: 'due_passed' });
    // The late step keeps to its own day, at the new hour.
    expect(wall(apply(steps, skipped))).toEqual(['skipped', '2026-03-13T07:00', '2026-03-23T07:00', '2026-03-27T07:00']);
  });

  it('keeps the day the send path moved a step to (the client’s gap), at the new hour', () => {
    const steps = planned(parisCalendar());
    const gap = steps.map((s): RecordedPlanStep =>
      s.index === 0 ? { ...s, state: 'sent', sentAt: s.scheduledAt! }
      : s.index === 1 ? { ...s, scheduledAt: parisTime('2026-03-16T09:00').toISOString(), localTime: '2026-03-16T09:00:00', reason: 'gap' }
      : s,
    );
    const changes = replanPlanSteps({ calendar: parisCalendar({ sendHour: 14 }), now: parisTime('2026-03-10T10:00') }, gap);
    expect(wall(apply(gap, changes))).toEqual(['sent', '2026-03-16T14:00', '2026-03-23T14:00', '2026-03-27T14:00']);
  });

  it('keeps order, one step a day, send days, courtesy before its instalment, and is stable once re-planned (property)', () => {
    const zones = ['Europe/Paris', 'America/Cayenne', 'Indian/Reunion', 'Pacific/Noumea'] as const;
    const regions = { 'Europe/Paris': 'metropole', 'America/Cayenne': 'guyane', 'Indian/Reunion': 'reunion', 'Pacific/Noumea': 'nouvelle-caledonie' } as const;
    const calendarArb = fc.record({
      sendHour: fc.integer({ min: 0, max: 23 }),
      zone: fc.constantFrom(...zones),
      skipWeekends: fc.boolean(),
      skipHolidays: fc.boolean(),
    });
    const toCalendar = (c: { sendHour: number; zone: (typeof zones)[number]; skipWeekends: boolean; skipHolidays: boolean }): SendCalendar =>
      parisCalendar({ sendHour: c.sendHour, timeZone: c.zone, skipWeekends: c.skipWeekends, skipHolidays: c.skipHolidays, region: regions[c.zone] as SendCalendar['region'] });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 6 }),
        calendarArb,
        calendarArb,
        fc.integer({ min: 0, max: 40 * 24 }),
        (gaps, start, before, after, hours) => {
          let date = addDays('2026-03-02', start);
          const instalments = gaps.map((g) => ({ dueDate: (date = addDays(date, g)), amountCents: 100 }));
          const old = toCalendar(before);
          const steps = planned(old, instalments);
          const now = new Date(recordedAt.getTime() + hours * 3_600_000);
          // What went before `now` was sent then.
          const history = steps.map((s): RecordedPlanStep => (s.state === 'scheduled' && Date.parse(s.scheduledAt!) <= now.getTime() ? { ...s, state: 'sent', sentAt: s.scheduledAt! } : s));
          // With its own calendar, nothing moves.
          expect(replanPlanSteps({ calendar: old, now }, history)).toEqual([]);
          const calendar = toCalendar(after);
          const changes = replanPlanSteps({ calendar, now }, history);
          const result = apply(history, changes);
          for (const c of changes) expect(history.find((s) => s.index === c.ref.index)?.state).toBe('scheduled');
          const out = result.filter((s) => s.state === 'scheduled' || s.state === 'sent');
          const days = out.map((s) => localDate(new Date(s.sentAt ?? s.scheduledAt!), calendar.timeZone));
          days.forEach((d, i) => i > 0 && expect(d > days[i - 1]!).toBe(true));
          for (const s of result.filter((x) => x.state === 'scheduled')) {
            const day = localDate(new Date(s.scheduledAt!), calendar.timeZone);
            expect(Date.parse(s.scheduledAt!)).toBeGreaterThan(now.getTime());
            if (history.find((h) => h.index === s.index)!.scheduledAt !== s.scheduledAt) expect(isSendDay(day, calendar)).toBe(true);
            if (s.planStep === 'courtesy') expect(day < s.instalmentDue!).toBe(true);
          }
          // Re-planned once, stable.
          expect(replanPlanSteps({ calendar, now }, result)).toEqual([]);
        },
      ),
      { numRuns: 400, seed: 20261127 },
    );
  });
});
