import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { balanceCents, invoiceTotals, lateness, lineTotals, settledStatus, vatNetOfDeductions } from '../../shared/domain/invoice.js';
import { depositLines } from '../../shared/domain/quote.js';
import { VAT_RATES } from '../../shared/domain/money.js';

describe('lineTotals', () => {
  it('rounds VAT per line, half away from zero', () => {
    // 3 × 3.33 € = 9.99 € net; 5.5 % → 0.54945 € → 0.55 €
    expect(lineTotals({ description: 'x', quantity: 3, unitPriceCents: 333, vatRate: 5.5 })).toEqual({
      netCents: 999,
      vatCents: 55,
      grossCents: 1054,
    });
  });

  it('handles fractional quantities without float drift', () => {
    // 1.5 h × 45.00 € = 67.50 €; 20 % = 13.50 €
    expect(lineTotals({ description: 'x', quantity: 1.5, unitPriceCents: 4500, vatRate: 20 })).toEqual({
      netCents: 6750,
      vatCents: 1350,
      grossCents: 8100,
    });
    // 0.333 × 1.00 € = 0.333 € → 0.33 €
    expect(lineTotals({ description: 'x', quantity: 0.333, unitPriceCents: 100, vatRate: 2.1 }).netCents).toBe(33);
  });
});

describe('invoiceTotals', () => {
  it('sums per-line rounded amounts and breaks VAT down by rate', () => {
    const totals = invoiceTotals([
      { description: 'Pose', quantity: 2, unitPriceCents: 12_345, vatRate: 20 },
      { description: 'Fournitures', quantity: 1, unitPriceCents: 9_999, vatRate: 10 },
      { description: 'Déplacement', quantity: 1, unitPriceCents: 1_001, vatRate: 20 },
    ]);
    expect(totals.netCents).toBe(24_690 + 9_999 + 1_001);
    expect(totals.vatCents).toBe(4_938 + 1_000 + 200);
    expect(totals.grossCents).toBe(totals.netCents + totals.vatCents);
    expect(totals.vatBreakdown).toEqual([
      { vatRate: 20, netCents: 25_691, vatCents: 5_138 },
      { vatRate: 10, netCents: 9_999, vatCents: 1_000 },
    ]);
  });

  it('always adds up: gross = net + vat = sum of breakdown rows (property)', () => {
    const line = fc.record({
      description: fc.constant('x'),
      quantity: fc.integer({ min: 1, max: 100_000 }).map((q) => q / 1000),
      unitPriceCents: fc.integer({ min: 0, max: 10_000_000 }),
      vatRate: fc.constantFrom(...VAT_RATES),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (lines) => {
        const t = invoiceTotals(lines);
        expect(t.grossCents).toBe(t.netCents + t.vatCents);
        expect(t.vatBreakdown.reduce((s, r) => s + r.netCents, 0)).toBe(t.netCents);
        expect(t.vatBreakdown.reduce((s, r) => s + r.vatCents, 0)).toBe(t.vatCents);
        for (const l of lines) expect(Number.isInteger(lineTotals(l).vatCents)).toBe(true);
      }),
    );
  });
});

describe('balance and status', () => {
  it('is gross minus payments and credits, never negative (property)', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), fc.nat(10_000_000), (gross, paid, credited) => {
        const b = balanceCents(gross, paid, credited);
        expect(b).toBeGreaterThanOrEqual(0);
        if (paid + credited <= gross) expect(b).toBe(gross - paid - credited);
      }),
    );
  });

  it('moves sent → partially_paid → paid with payments, and leaves drafts and cancelled alone', () => {
    expect(settledStatus('sent', 10_000, 0)).toBe('sent');
    expect(settledStatus('sent', 10_000, 4_000)).toBe('partially_paid');
    expect(settledStatus('partially_paid', 10_000, 10_000)).toBe('paid');
    expect(settledStatus('paid', 10_000, 6_000)).toBe('partially_paid');
    expect(settledStatus('sent', 10_000, 0, 10_000)).toBe('paid');
    expect(settledStatus('draft', 10_000, 0)).toBe('draft');
    expect(settledStatus('cancelled', 10_000, 0)).toBe('cancelled');
  });
});

describe('lateness', () => {
  it('is late from the day after the due date, in the tenant time zone', () => {
    // 30 Nov 23:30 in Paris is still 30 Nov: due that day, not late.
    expect(lateness('sent', '2026-11-30', new Date('2026-11-30T22:30:00Z'), 'Europe/Paris')).toEqual({ overdue: false, daysLate: 0 });
    // 30 Nov 23:30 UTC is 1 Dec 00:30 in Paris: one day late.
    expect(lateness('sent', '2026-11-30', new Date('2026-11-30T23:30:00Z'), 'Europe/Paris')).toEqual({ overdue: true, daysLate: 1 });
    expect(lateness('partially_paid', '2026-03-01', new Date('2026-03-31T10:00:00Z'), 'Europe/Paris')).toEqual({ overdue: true, daysLate: 30 });
  });

  it('never marks drafts, paid or cancelled invoices overdue', () => {
    for (const status of ['draft', 'paid', 'cancelled'] as const) {
      expect(lateness(status, '2020-01-01', new Date('2026-01-01T00:00:00Z'), 'Europe/Paris').overdue).toBe(false);
    }
  });
});

describe('vatNetOfDeductions (a final invoice: the VAT per rate still billed once the deposits are deducted, CGI 289)', () => {
  const job = invoiceTotals([
    { description: 'Main d’œuvre', quantity: 12.5, unitPriceCents: 4_850, vatRate: 10 },
    { description: 'Matériel', quantity: 1, unitPriceCents: 123_456, vatRate: 20 },
    { description: 'Isolation', quantity: 20.75, unitPriceCents: 1_999, vatRate: 5.5 },
  ]);

  it('takes each deposit’s rows off the job’s, rate by rate, and adds up to the total less the deposits', () => {
    const deposit = invoiceTotals(depositLines(job, { percent: 30 }, 'D-2026-0001'));
    const rows = vatNetOfDeductions(job.vatBreakdown, [{ netCents: deposit.netCents, vatCents: deposit.vatCents, vatBreakdown: deposit.vatBreakdown }])!;
    // 20 %: 123,456 − 37,037 net, 24,691 − 7,407 VAT; 10 %: 60,625 − 18,188, 6,063 − 1,819; 5.5 %: 41,479 − 12,444, 2,281 − 684.
    expect(rows).toEqual([
      { vatRate: 20, netCents: 86_419, vatCents: 17_284 },
      { vatRate: 10, netCents: 42_437, vatCents: 4_244 },
      { vatRate: 5.5, netCents: 29_035, vatCents: 1_597 },
    ]);
    expect(rows.reduce((t, r) => t + r.netCents + r.vatCents, 0)).toBe(job.grossCents - deposit.grossCents);
  });

  it('places a deposit recorded without its rows on the only rate of a single-rate job, and gives up on a mixed one', () => {
    const single = invoiceTotals([{ description: 'Cuisine', quantity: 1, unitPriceCents: 1_000_000, vatRate: 20 }]);
    expect(vatNetOfDeductions(single.vatBreakdown, [{ netCents: 300_000, vatCents: 60_000 }])).toEqual([{ vatRate: 20, netCents: 700_000, vatCents: 140_000 }]);
    expect(vatNetOfDeductions(job.vatBreakdown, [{ netCents: 300_000, vatCents: 60_000 }])).toBeUndefined();
  });

  it('gives up rather than print a negative base (a deposit at a rate the job does not bill)', () => {
    const single = invoiceTotals([{ description: 'Cuisine', quantity: 1, unitPriceCents: 1_000, vatRate: 20 }]);
    expect(vatNetOfDeductions(single.vatBreakdown, [{ netCents: 100, vatCents: 10, vatBreakdown: [{ vatRate: 10, netCents: 100, vatCents: 10 }] }])).toBeUndefined();
  });
});
