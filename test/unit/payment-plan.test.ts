/**
 * Payment plans, the pure rules: validation, allocation oldest first (property-tested: it adds
 * up, never negative, fills in order), instalment status, the plan's steps and when it ends.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import {
  allocate,
  instalmentViews,
  isPlanStep,
  missedInstalment,
  penaltiesWaived,
  planEnd,
  planInstalmentSteps,
  planProblems,
  planSeqOf,
  planStepsNumber,
  type PaymentPlan,
} from '../../shared/domain/payment-plan.js';
import { DEFAULT_SEND_CALENDAR, isSendDay } from '../../shared/domain/send-calendar.js';
import { planScheduleText } from '../../shared/domain/template-render.js';
import { stepKey } from '../../shared/domain/aggregates.js';

const plan = (instalments: { dueDate: string; amountCents: number }[], overrides: Partial<PaymentPlan> = {}): PaymentPlan => ({
  seq: 1,
  createdAt: '2026-03-02T10:00:00.000Z',
  instalments,
  totalCents: instalments.reduce((s, i) => s + i.amountCents, 0),
  waivePenalties: false,
  source: 'owner',
  status: 'active',
  ...overrides,
});
const THREE = [
  { dueDate: '2026-03-10', amountCents: 40_000 },
  { dueDate: '2026-04-10', amountCents: 40_000 },
  { dueDate: '2026-05-11', amountCents: 40_000 },
];

describe('planProblems', () => {
  it('accepts instalments that add up to the balance, ascending, from today', () => {
    expect(planProblems(THREE, 120_000, '2026-03-10')).toEqual([]);
  });

  it('names the difference when the sum is not the balance, either way', () => {
    expect(planProblems(THREE, 125_000, '2026-03-02')).toEqual([
      { path: 'body.instalments', message: 'instalments add up to 120000 cents but the balance is 125000 cents (5000 cents missing)', rule: true },
    ]);
    // One cent is "1 cent", not "1 cents".
    expect(planProblems(THREE, 119_999, '2026-03-02')[0]?.message).toContain('(1 cent too much)');
    expect(planProblems(THREE, 120_001, '2026-03-02')[0]?.message).toBe('instalments add up to 120000 cents but the balance is 120001 cents (1 cent missing)');
  });

  it('refuses a first date before today and dates not strictly ascending, naming each', () => {
    const problems = planProblems([THREE[1]!, THREE[1]!, THREE[0]!], 120_000, '2026-04-11');
    expect(problems.map((p) => p.path)).toEqual(['body.instalments.0.dueDate', 'body.instalments.1.dueDate', 'body.instalments.2.dueDate']);
  });

  it('refuses an instalment more than three years ahead (a typo such as 2099), naming it', () => {
    const plan = [{ dueDate: '2026-04-01', amountCents: 60_000 }, { dueDate: '2099-04-01', amountCents: 60_000 }];
    expect(planProblems(plan, 120_000, '2026-03-02')).toEqual([
      { path: 'body.instalments.1.dueDate', message: 'must be within three years, on 2029-03-02 at the latest', rule: true },
    ]);
    expect(planProblems([{ dueDate: '2029-03-02', amountCents: 120_000 }], 120_000, '2026-03-02')).toEqual([]);
  });

  it('refuses more than 24 instalments and an empty plan', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ dueDate: addDays('2026-03-02', i * 30), amountCents: 100 }));
    expect(planProblems(many, 2_500, '2026-03-02').map((p) => p.message)).toContain('at most 24 instalments');
    expect(planProblems([], 0, '2026-03-02')).toEqual([{ path: 'body.instalments', message: 'needs at least one instalment' }]);
  });
});

describe('allocate (oldest instalment first)', () => {
  const amounts = fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 24 });
  it('adds up to what was paid (capped at the total), never negative, filling each before the next', () => {
    fc.assert(
      fc.property(amounts, fc.integer({ min: -1_000_000, max: 300_000_000 }), (cents, paid) => {
        const instalments = cents.map((amountCents, i) => ({ dueDate: addDays('2026-01-01', i), amountCents }));
        const total = cents.reduce((s, c) => s + c, 0);
        const result = allocate(instalments, paid);
        expect(result.reduce((s, r) => s + r.paidCents, 0)).toBe(Math.min(Math.max(0, paid), total));
        result.forEach((r, i) => {
          expect(r.paidCents).toBeGreaterThanOrEqual(0);
          expect(r.dueCents).toBeGreaterThanOrEqual(0);
          expect(r.paidCents + r.dueCents).toBe(cents[i]);
          // Oldest first: an instalment with something due leaves nothing paid on the later ones.
          if (r.dueCents > 0) for (const later of result.slice(i + 1)) expect(later.paidCents).toBe(0);
        });
      }),
      { numRuns: 500, seed: 20261125 },
    );
  });
});

describe('instalmentViews', () => {
  it('shows each instalment paid, late or pending with what is still due', () => {
    // 55,000 paid of 120,000: the first instalment is paid, the second part-paid (25,000 left) and late.
    const views = instalmentViews(plan(THREE), 65_000, '2026-04-15');
    expect(views.map((v) => [v.status, v.paidCents, v.dueCents])).toEqual([
      ['paid', 40_000, 0],
      ['late', 15_000, 25_000],
      ['pending', 0, 40_000],
    ]);
    expect(planScheduleText(views, 'fr')).toMatch(/^1\. 10\/03\/2026 : 400,00\s€ \(réglée\)\n2\. 10\/04\/2026 : 400,00\s€ \(en retard, reste 250,00\s€\)\n3\./);
    expect(planScheduleText(views, 'en')).toContain('2. 10 April 2026: €400.00 (late, €250.00 left)');
  });

  it('counts an instalment due today as pending, not late', () => {
    expect(instalmentViews(plan(THREE), 120_000, '2026-03-10')[0]?.status).toBe('pending');
  });
});

describe('planEnd', () => {
  it('ends paid when the balance is zero, missed once an instalment is unpaid more than N days', () => {
    const p = plan(THREE);
    expect(planEnd(p, { status: 'paid', balanceCents: 0 }, '2026-03-20', 15)).toEqual({ reason: 'paid' });
    expect(planEnd(p, { status: 'sent', balanceCents: 120_000 }, '2026-03-25', 15)).toBeUndefined();
    expect(planEnd(p, { status: 'sent', balanceCents: 120_000 }, '2026-03-26', 15)).toMatchObject({ reason: 'missed', missed: { index: 0, dueDate: '2026-03-10' } });
    expect(planEnd(p, { status: 'partially_paid', balanceCents: 80_000 }, '2026-03-26', 15)).toBeUndefined();
    expect(planEnd(p, { status: 'cancelled', balanceCents: 120_000 }, '2026-03-02', 15)).toEqual({ reason: 'cancelled' });
    // A write-off credits the balance away: the plan ends as written off, not as paid.
    expect(planEnd(p, { status: 'written_off', balanceCents: 0 }, '2026-03-02', 15)).toEqual({ reason: 'written_off' });
    expect(planEnd({ ...p, status: 'ended' }, { status: 'paid', balanceCents: 0 }, '2026-03-02', 15)).toBeUndefined();
    expect(missedInstalment(instalmentViews(p, 120_000, '2026-05-01'), '2026-05-01', 15)?.dueDate).toBe('2026-03-10');
  });

  it('waives penalties only while the plan is honoured', () => {
    const owed = { status: 'partially_paid', balanceCents: 90_000 };
    expect(penaltiesWaived(plan(THREE, { waivePenalties: true }), owed)).toBe(true);
    expect(penaltiesWaived(plan(THREE, { waivePenalties: true, status: 'ended', endReason: 'paid' }), { status: 'paid', balanceCents: 0 })).toBe(true);
    // Ended paid, then the payment that settled it removed (a cheque that bounced): owed again, the plan was not honoured…
    expect(penaltiesWaived(plan(THREE, { waivePenalties: true, status: 'ended', endReason: 'paid' }), owed)).toBe(false);
    // … nor once that balance was written off (nothing owed any more, nothing was paid either).
    expect(penaltiesWaived(plan(THREE, { waivePenalties: true, status: 'ended', endReason: 'paid' }), { status: 'written_off', balanceCents: 0 })).toBe(false);
    // Written off while it ran (by hand to litigation, then irrecoverable): never honoured, the waiver falls.
    expect(penaltiesWaived(plan(THREE, { waivePenalties: true, status: 'ended', endReason: 'written_off' }), { status: 'written_off', balanceCents: 0 })).toBe(false);
    expect(penaltiesWaived(plan(THREE, { waivePenalties: true }), { status: 'written_off', balanceCents: 0 })).toBe(false);
    expect(penaltiesWaived(plan(THREE, { waivePenalties: true, status: 'ended', endReason: 'missed' }), owed)).toBe(false);
    expect(penaltiesWaived(plan(THREE, { waivePenalties: true, status: 'ended', endReason: 'deleted' }), owed)).toBe(false);
    expect(penaltiesWaived(plan(THREE, { waivePenalties: false }), owed)).toBe(false);
    expect(penaltiesWaived(undefined, owed)).toBe(false);
  });
});

describe('planInstalmentSteps', () => {
  const now = new Date('2026-03-02T10:00:00.000Z');
  const input = { plan: plan(THREE), calendar: DEFAULT_SEND_CALENDAR, now, courtesyDays: 3, lateDays: 3 };

  it('puts a courtesy step before and a late step after each instalment, at 09:00 Paris on send days', () => {
    const steps = planInstalmentSteps(input);
    expect(steps.map((s) => [s.stepId, s.templateId, s.state, s.scheduledAt && localDate(new Date(s.scheduledAt), 'Europe/Paris')])).toEqual([
      ['p1-c1', 'instalment-courtesy', 'scheduled', '2026-03-09'], // 7 Mar is a Saturday: Monday 9
      ['p1-l1', 'instalment-late', 'scheduled', '2026-03-13'],
      ['p1-c2', 'instalment-courtesy', 'scheduled', '2026-04-07'],
      ['p1-l2', 'instalment-late', 'scheduled', '2026-04-13'],
      // 8 May is a holiday, 9-10 a weekend, 11 the instalment's date itself: the last send day before it
      ['p1-c3', 'instalment-courtesy', 'scheduled', '2026-05-07'],
      ['p1-l3', 'instalment-late', 'scheduled', '2026-05-15'], // 14 May is Ascension Thursday
    ]);
    expect(steps.every((s) => s.plan === planStepsNumber({ seq: 1 }) && isPlanStep(s) && planSeqOf(s) === 1)).toBe(true);
  });

  it('skips a courtesy step whose last send day before its instalment has passed', () => {
    const late = new Date('2026-05-07T08:00:00.000Z'); // 10:00 Paris on Thursday 7 May, after the send hour
    const steps = planInstalmentSteps({ ...input, now: late });
    expect(steps.find((s) => s.stepId === 'p1-c3')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
  });

  it('never puts two steps on one day, keeps them in order, and a courtesy step strictly before its instalment (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 24 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        (gaps, start, courtesyDays, lateDays) => {
          let date = addDays('2026-03-02', start);
          const instalments = gaps.map((g) => ({ dueDate: (date = addDays(date, g)), amountCents: 100 }));
          const steps = planInstalmentSteps({ ...input, plan: plan(instalments), courtesyDays, lateDays });
          const days = steps.filter((s) => s.state === 'scheduled').map((s) => localDate(new Date(s.scheduledAt!), 'Europe/Paris'));
          days.forEach((d, i) => i > 0 && expect(d > days[i - 1]!).toBe(true));
          for (const d of days) expect(isSendDay(d, DEFAULT_SEND_CALENDAR)).toBe(true);
          for (const s of steps) {
            if (s.state !== 'scheduled') expect(s.reason).toBe('due_passed');
            else expect(Date.parse(s.scheduledAt!)).toBeGreaterThan(now.getTime());
            if (s.planStep === 'courtesy' && s.state === 'scheduled') expect(localDate(new Date(s.scheduledAt!), 'Europe/Paris') < s.instalmentDue).toBe(true);
            if (s.planStep === 'late') expect(localDate(new Date(s.scheduledAt!), 'Europe/Paris') > s.instalmentDue).toBe(true);
          }
          expect(steps.map((s) => s.index)).toEqual(steps.map((_, i) => i));
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });

  it('leaves out paid instalments and steps already sent in an earlier round', () => {
    const steps = planInstalmentSteps({ ...input, round: 1, paid: new Set([0]), done: new Set(['1/courtesy']) });
    expect(steps.map((s) => s.stepId)).toEqual(['p1-l2', 'p1-c3', 'p1-l3']);
    expect(steps[0]?.plan).toBe(1001);
  });
});

describe('plan steps in the reminder statistics', () => {
  it('count each kind of plan reminder as one step, whatever the plan or instalment', () => {
    expect(['p1-c1', 'p2-c12', 'p1-l3', 'j+8', 'manual-2026-03-02'].map(stepKey)).toEqual(['instalment-courtesy', 'instalment-courtesy', 'instalment-late', 'j+8', 'manual']);
  });
});
