import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PENALTY_RATE_TABLE, type PenaltyRateTable } from '../../shared/domain/data/penalty-rates.js';
import { addDays } from '../../shared/domain/dates.js';
import { latePenaltyCents, penaltiesFor, penaltyRateFor, semesterOf } from '../../shared/domain/penalties.js';

const starts = new Set(PENALTY_RATE_TABLE.map((row) => row.start));
const last = PENALTY_RATE_TABLE.at(-1)!;

describe('the penalty rate table', () => {
  it('has one row per semester from H1 2020 to H1 2026, in order, on 1 Jan / 1 Jul', () => {
    const expected: string[] = [];
    for (let year = 2020; year <= 2026; year += 1) expected.push(`${year}-01-01`, `${year}-07-01`);
    expect(PENALTY_RATE_TABLE.map((row) => row.start)).toEqual(expected.slice(0, -1));
  });

  it.each([
    // semester start, ECB MRO on day 1, legal rate (professional creditor): see the source comment of each row.
    ['2022-07-01', 0, 0.77], // the ECB's first hike took effect on 27 Jul 2022, after 1 Jul
    ['2023-01-01', 2.5, 2.06],
    ['2023-07-01', 4, 4.22],
    ['2024-01-01', 4.5, 5.07],
    ['2024-07-01', 4.25, 4.92],
    ['2025-01-01', 3.15, 3.71],
  ])('reads the %s row: ECB %s %%, legal %s %%', (start, ecb, legal) => {
    expect(penaltyRateFor(start)).toMatchObject({ ecbRatePercent: ecb, legalRatePercent: legal, defaultRatePercent: +(ecb + 10).toFixed(2), rateSource: 'table' });
  });
});

describe('rateSource', () => {
  it('is table inside the table, estimated for H2 2026 (no row yet), contract for an agreed rate above the floor', () => {
    expect(latePenaltyCents({ unpaidCents: 100_000, dueDate: '2024-03-01', asOf: '2024-09-01' }).rateSource).toBe('table');
    const summer = latePenaltyCents({ unpaidCents: 100_000, dueDate: '2026-06-20', asOf: '2026-07-10' });
    expect(summer.rateSource).toBe('estimated');
    expect(summer.breakdown.map((r) => r.rateSource)).toEqual(['table', 'estimated']);
    const agreed = latePenaltyCents({ unpaidCents: 100_000, dueDate: '2026-06-20', asOf: '2026-07-10', contractualRatePercent: 15 });
    expect(agreed.rateSource).toBe('contract');
    expect(agreed.breakdown.map((r) => [r.rateSource, r.ratePercent])).toEqual([['contract', 15], ['contract', 15]]);
  });

  it('is the table (not the contract) when an agreed rate below 3 × the legal rate is raised to that floor', () => {
    const raised = latePenaltyCents({ unpaidCents: 100_000, dueDate: '2024-01-10', asOf: '2024-02-10', contractualRatePercent: 8 });
    expect(raised.breakdown[0]).toMatchObject({ ratePercent: 15.21, rateSource: 'table' });
    expect(raised.rateSource).toBe('table');
  });

  it('says which rate will apply when nothing is due yet, and carries through penaltiesFor', () => {
    expect(latePenaltyCents({ unpaidCents: 100_000, dueDate: '2026-08-01', asOf: '2026-07-01' }).rateSource).toBe('estimated');
    expect(penaltiesFor('business', { unpaidCents: 100_000, dueDate: '2026-03-01', asOf: '2026-03-01' }).rateSource).toBe('table');
    expect(penaltiesFor('business', { unpaidCents: 100_000, dueDate: '2026-08-01', asOf: '2026-11-25' })).toMatchObject({ rateSource: 'estimated', estimated: true });
  });

  const dateIn = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));
  const contract = fc.option(fc.double({ min: 0, max: 30, noNaN: true }).map((r) => Math.round(r * 100) / 100), { nil: undefined });

  it('is estimated exactly when a semester counted has no row, contract only when the agreed rate applied throughout', () => {
    fc.assert(
      fc.property(dateIn('2019-06-01', 8 * 365), fc.integer({ min: 1, max: 900 }), fc.integer({ min: 1, max: 5_000_000 }), contract, (dueDate, days, unpaid, agreed) => {
        const asOf = addDays(dueDate, days);
        const result = latePenaltyCents({ unpaidCents: unpaid, dueDate, asOf, ...(agreed === undefined ? {} : { contractualRatePercent: agreed }) });
        for (const row of result.breakdown) {
          const known = starts.has(semesterOf(row.from).start);
          const floor = penaltyRateFor(row.from).floorRatePercent;
          const expected = agreed !== undefined && agreed >= floor ? 'contract' : known ? 'table' : 'estimated';
          expect(row.rateSource, `${row.semester}`).toBe(expected);
          expect(row.estimated).toBe(!known);
          if (row.rateSource === 'contract') expect(row.ratePercent).toBe(agreed);
        }
        const sources = new Set(result.breakdown.map((r) => r.rateSource));
        expect(result.rateSource).toBe(sources.has('estimated') ? 'estimated' : sources.size === 1 && sources.has('contract') ? 'contract' : 'table');
      }),
      { numRuns: 300 },
    );
  });

  it('estimates a missing semester with the latest known rates: publishing those same rates changes the source, not the amount', () => {
    fc.assert(
      fc.property(dateIn('2025-10-01', 500), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 5_000_000 }), (dueDate, days, unpaid) => {
        const asOf = addDays(dueDate, days);
        const published: PenaltyRateTable = [...PENALTY_RATE_TABLE];
        for (let start = '2026-07-01'; start <= asOf; start = addDays(semesterOf(start).end, 1)) {
          (published as { start: string; ecbRatePercent: number; legalRatePercent: number }[]).push({ ...last, start });
        }
        const estimated = latePenaltyCents({ unpaidCents: unpaid, dueDate, asOf });
        const known = latePenaltyCents({ unpaidCents: unpaid, dueDate, asOf, table: published });
        expect(known.cents).toBe(estimated.cents);
        expect(known.rateSource).toBe('table');
        expect(estimated.rateSource).toBe(asOf >= '2026-07-01' ? 'estimated' : 'table');
      }),
      { numRuns: 200 },
    );
  });
});
