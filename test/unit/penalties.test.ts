import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  latePenaltyCents,
  penaltiesFor,
  penaltyRateFor,
  RECOVERY_INDEMNITY_CENTS,
  rowsAddingUp,
} from '../../shared/domain/penalties.js';
import { PENALTY_RATE_TABLE } from '../../shared/domain/data/penalty-rates.js';
import { addDays } from '../../shared/domain/dates.js';

describe('penaltyRateFor', () => {
  it('reads H1 2026 from the table: ECB 2.15 → 12.15 %, legal 2.62 → floor 7.86 %', () => {
    expect(penaltyRateFor('2026-03-15')).toEqual({
      semester: '2026-H1',
      ecbRatePercent: 2.15,
      defaultRatePercent: 12.15,
      legalRatePercent: 2.62,
      floorRatePercent: 7.86,
      estimated: false,
      rateSource: 'table',
    });
  });

  it('reads H2 2025 and H1 2025', () => {
    expect(penaltyRateFor('2025-07-01')).toMatchObject({ semester: '2025-H2', defaultRatePercent: 12.15, floorRatePercent: 8.28 });
    expect(penaltyRateFor('2025-06-30')).toMatchObject({ semester: '2025-H1', defaultRatePercent: 13.15, legalRatePercent: 3.71 });
  });

  it('uses the latest known rate and flags an estimate beyond the table', () => {
    expect(penaltyRateFor('2026-09-01')).toMatchObject({ semester: '2026-H2', defaultRatePercent: 12.15, estimated: true, rateSource: 'estimated' });
  });

  it('accepts a user-updated table', () => {
    const table = [...PENALTY_RATE_TABLE, { start: '2026-07-01', ecbRatePercent: 2.4, legalRatePercent: 2.9 }];
    expect(penaltyRateFor('2026-09-01', table)).toMatchObject({ defaultRatePercent: 12.4, floorRatePercent: 8.7, estimated: false });
  });
});

describe('latePenaltyCents', () => {
  it('computes the DOMAIN.md example: €1,200 unpaid, 30 days late in H1 2026 → €11.98', () => {
    const result = latePenaltyCents({ unpaidCents: 120_000, dueDate: '2026-01-10', asOf: '2026-02-09' });
    expect(result.cents).toBe(1198);
    expect(result.breakdown).toEqual([
      { semester: '2026-H1', from: '2026-01-11', to: '2026-02-09', days: 30, unpaidCents: 120_000, ratePercent: 12.15, cents: 1198, estimated: false, rateSource: 'table' },
    ]);
  });

  it('is zero on the due date and before it', () => {
    expect(latePenaltyCents({ unpaidCents: 120_000, dueDate: '2026-01-10', asOf: '2026-01-10' }).cents).toBe(0);
    expect(latePenaltyCents({ unpaidCents: 120_000, dueDate: '2026-01-10', asOf: '2026-01-01' }).cents).toBe(0);
  });

  it('counts the day after the due date as the first day late', () => {
    // 100 000 € × 12.15 % / 365 = 33.29 €/day
    expect(latePenaltyCents({ unpaidCents: 10_000_000, dueDate: '2026-01-10', asOf: '2026-01-11' })).toMatchObject({
      days: 1,
      cents: 3329,
    });
  });

  it('splits a period spanning H2 2025 → H1 2026 by semester', () => {
    const result = latePenaltyCents({ unpaidCents: 120_000, dueDate: '2025-12-16', asOf: '2026-01-15' });
    expect(result.breakdown.map(({ semester, days, ratePercent }) => ({ semester, days, ratePercent }))).toEqual([
      { semester: '2025-H2', days: 15, ratePercent: 12.15 },
      { semester: '2026-H1', days: 15, ratePercent: 12.15 },
    ]);
    expect(result.cents).toBe(1198);
  });

  it('applies each semester its own rate (H1 2025 at 13.15 %, H2 2025 at 12.15 %)', () => {
    const result = latePenaltyCents({ unpaidCents: 100_000, dueDate: '2025-06-20', asOf: '2025-07-10' });
    expect(result.breakdown.map((r) => [r.semester, r.days, r.ratePercent])).toEqual([
      ['2025-H1', 10, 13.15],
      ['2025-H2', 10, 12.15],
    ]);
    // 1000 € × (13.15 % × 10 + 12.15 % × 10) / 365 = 6.9315 € → 6.93 €
    expect(result.cents).toBe(693);
  });

  it('rounds once at the end, not per semester', () => {
    // Each half alone: 1 € × 12.15 % × 15 / 365 = 0.4993 c → 0 c; together 0.9986 c → 1 c.
    const result = latePenaltyCents({ unpaidCents: 100, dueDate: '2025-12-16', asOf: '2026-01-15' });
    expect(result.breakdown.map((r) => r.cents)).toEqual([0, 0]);
    expect(result.cents).toBe(1);
  });

  it('flags an estimate when the period runs beyond the table', () => {
    const result = latePenaltyCents({ unpaidCents: 100_000, dueDate: '2026-06-20', asOf: '2026-07-10' });
    expect(result.estimated).toBe(true);
    expect(result.breakdown.map((r) => r.estimated)).toEqual([false, true]);
  });

  it('uses a contractual rate, raised to the legal floor (3 × legal rate) when below it', () => {
    const base = { unpaidCents: 365_000, dueDate: '2026-01-10', asOf: '2026-01-20' };
    expect(latePenaltyCents({ ...base, contractualRatePercent: 15 }).breakdown[0]?.ratePercent).toBe(15);
    expect(latePenaltyCents({ ...base, contractualRatePercent: 5 }).breakdown[0]?.ratePercent).toBe(7.86);
  });

  it('grows with days late and the breakdown days add up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 600 }), (unpaid, start, days) => {
        const dueDate = addDays('2025-01-01', start);
        const a = latePenaltyCents({ unpaidCents: unpaid, dueDate, asOf: addDays(dueDate, days) });
        const b = latePenaltyCents({ unpaidCents: unpaid, dueDate, asOf: addDays(dueDate, days + 1) });
        expect(b.cents).toBeGreaterThanOrEqual(a.cents);
        expect(a.breakdown.reduce((sum, r) => sum + r.days, 0)).toBe(unpaid > 0 ? days : 0);
      }),
    );
  });
});

describe('penaltiesFor', () => {
  const input = { unpaidCents: 120_000, dueDate: '2026-01-10', asOf: '2026-02-09' };

  it('gives a business client penalties and the €40 indemnity', () => {
    expect(penaltiesFor('business', input)).toMatchObject({ cents: 1198, indemnityCents: RECOVERY_INDEMNITY_CENTS });
    expect(RECOVERY_INDEMNITY_CENTS).toBe(4000);
  });

  it('gives a consumer zero penalties and zero indemnity, by law', () => {
    expect(penaltiesFor('consumer', input)).toMatchObject({ cents: 0, indemnityCents: 0, breakdown: [] });
  });

  it('charges no indemnity before the invoice is late', () => {
    expect(penaltiesFor('business', { ...input, asOf: '2026-01-10' })).toMatchObject({ cents: 0, indemnityCents: 0 });
  });
});

describe('penalties over a payment history (the unpaid amount changes as payments come in)', () => {
  // 1,200 € due 31 Jan 2026, 200 € paid on 10 Feb, counted to 2 Mar (H1 2026, 12.15 %).
  const base = { unpaidCents: 100_000, dueDate: '2026-01-31', asOf: '2026-03-02' };

  it('counts each day on what was unpaid that day: 10 days on 1,200 €, then 20 days on 1,000 €', () => {
    const result = latePenaltyCents({ ...base, reductions: [{ date: '2026-02-10', cents: 20_000 }] });
    // (120,000 × 10 + 100,000 × 20) × 12.15 % / 365 = 1,065.2 cents.
    expect(result.cents).toBe(1_065);
    expect(result.days).toBe(30);
    expect(result.breakdown.map((r) => [r.from, r.to, r.days, r.unpaidCents])).toEqual([
      ['2026-02-01', '2026-02-10', 10, 120_000],
      ['2026-02-11', '2026-03-02', 20, 100_000],
    ]);
    // The same 30 days on today's balance alone would understate it (998.6 cents).
    expect(latePenaltyCents(base).cents).toBe(999);
  });

  it('keeps the penalties and the €40 of an invoice paid late: they were due until the day it was paid', () => {
    const paidLate = penaltiesFor('business', { ...base, unpaidCents: 0, reductions: [{ date: '2026-02-10', cents: 120_000 }] });
    expect(paidLate).toMatchObject({ cents: 399, days: 10, indemnityCents: RECOVERY_INDEMNITY_CENTS });
    // Paid on time (or before): nothing, whatever came after.
    expect(penaltiesFor('business', { ...base, unpaidCents: 0, reductions: [{ date: '2026-01-31', cents: 120_000 }] })).toMatchObject({ cents: 0, indemnityCents: 0, breakdown: [] });
    // A payment dated after the day counted to still counts as unpaid on it.
    expect(latePenaltyCents({ ...base, asOf: '2026-02-05', reductions: [{ date: '2026-02-10', cents: 20_000 }] }).breakdown).toEqual([
      expect.objectContaining({ from: '2026-02-01', to: '2026-02-05', unpaidCents: 120_000 }),
    ]);
  });

  it('is the balance-only computation when no reduction came after the due date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: -30, max: 0 }), fc.integer({ min: 1, max: 50_000 }), (unpaid, days, before, cents) => {
        const input = { unpaidCents: unpaid, dueDate: '2025-05-10', asOf: addDays('2025-05-10', days) };
        expect(latePenaltyCents({ ...input, reductions: [{ date: addDays('2025-05-10', before), cents }] })).toEqual(latePenaltyCents(input));
      }),
    );
  });
});

describe('rowsAddingUp (the proof file’s penalty rows)', () => {
  it('rounds the rows so they add up to the total claimed, each within a cent of its own rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.integer({ min: 1, max: 700 }),
        fc.array(fc.record({ after: fc.integer({ min: 1, max: 700 }), cents: fc.integer({ min: 1, max: 5_000_000 }) }), { maxLength: 8 }),
        fc.option(fc.constantFrom(8.5, 10, 12.5, 15), { nil: undefined }),
        (unpaidCents, lateDays, payments, contractualRatePercent) => {
          const dueDate = '2025-03-14';
          const result = latePenaltyCents({
            unpaidCents,
            dueDate,
            asOf: addDays(dueDate, lateDays),
            reductions: payments.map((p) => ({ date: addDays(dueDate, Math.min(p.after, lateDays)), cents: p.cents })),
            ...(contractualRatePercent !== undefined ? { contractualRatePercent } : {}),
          });
          const rows = rowsAddingUp(result);
          expect(rows.reduce((sum, r) => sum + r.cents, 0)).toBe(result.cents);
          rows.forEach((r, i) => expect(Math.abs(r.cents - result.breakdown[i]!.cents)).toBeLessThanOrEqual(1));
          expect(rows.map(({ cents: _, ...rest }) => rest)).toEqual(result.breakdown.map(({ cents: _, ...rest }) => rest));
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });
});
