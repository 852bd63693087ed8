import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { invoiceBalanceCents, invoiceTotals, settledStatusOf, type InvoiceLine, type Settlement } from '../../shared/domain/invoice.js';
import { VAT_RATES, type VatRate } from '../../shared/domain/money.js';
import { depositLines, planQuoteFollowUp, quoteStatusView } from '../../shared/domain/quote.js';
import { isSendDay, nextSendDay, sendInstant } from '../../shared/domain/send-calendar.js';
import { parisCalendar, parisTime } from '../fixtures/plan-fixtures.js';
import { TEN_THOUSAND_HT } from '../fixtures/more-fakes.js';

const line = (unitPriceCents: number, vatRate: VatRate, quantity = 1): InvoiceLine => ({ description: 'x', quantity, unitPriceCents, vatRate });

/** €5,000 HT at 20 % + €3,000 HT at 10 %: 600,000 + 330,000 = 930,000 cents gross. */
const MIXED = invoiceTotals([line(500_000, 20), line(300_000, 10)]);

const arbLine = fc.record({
  unitPriceCents: fc.integer({ min: 0, max: 2_000_000 }),
  quantityMilli: fc.integer({ min: 1, max: 10_000 }),
  vatRate: fc.constantFrom(...VAT_RATES),
});
const toLine = (l: { unitPriceCents: number; quantityMilli: number; vatRate: VatRate }) => line(l.unitPriceCents, l.vatRate, l.quantityMilli / 1000);
/** A quote with at least one cent of net, any number of lines and rates. */
const arbQuoteLines = fc.array(arbLine, { minLength: 1, maxLength: 30 }).map((ls) => ls.map(toLine)).filter((ls) => invoiceTotals(ls).netCents > 0);
/** A quote with one line per VAT rate, the usual shape of an artisan's quote summary. */
const arbOneLinePerRate = fc
  .uniqueArray(arbLine, { minLength: 1, maxLength: 5, selector: (l) => l.vatRate })
  .map((ls) => ls.map(toLine))
  .filter((ls) => invoiceTotals(ls).netCents > 0);
/** Percent as the API accepts it: (0, 100] with at most 2 decimals. */
const arbPercent = fc.integer({ min: 1, max: 10_000 }).map((bp) => bp / 100);

describe('depositLines', () => {
  it('takes 30 % of a €10,000 HT quote at 20 % as one line of 300,000 net, 360,000 gross', () => {
    const quote = invoiceTotals(TEN_THOUSAND_HT);
    const lines = depositLines(quote, { percent: 30 }, 'D-2026-0001');
    // 1,000,000 × 30 % = 300,000 net; VAT 20 % = 60,000; gross 360,000.
    expect(lines).toEqual([{ description: 'Acompte de 30\u00a0% sur devis D-2026-0001', quantity: 1, unitPriceCents: 300_000, vatRate: 20 }]);
    expect(invoiceTotals(lines)).toMatchObject({ netCents: 300_000, vatCents: 60_000, grossCents: 360_000 });
  });

  it('writes a fractional percent with a French decimal comma', () => {
    // 12.5 % of 1,000,000 = 125,000 net.
    const [only] = depositLines(invoiceTotals(TEN_THOUSAND_HT), { percent: 12.5 }, 'D-2026-0001');
    expect(only).toMatchObject({ description: 'Acompte de 12,5\u00a0% sur devis D-2026-0001', unitPriceCents: 125_000 });
  });

  it('gives a mixed-rate quote one line per rate, each the share of that rate', () => {
    const lines = depositLines(MIXED, { percent: 30 }, 'D-2026-0002');
    // 30 % of 500,000 = 150,000 at 20 %; 30 % of 300,000 = 90,000 at 10 %.
    expect(lines).toEqual([
      { description: 'Acompte de 30\u00a0% sur devis D-2026-0002 (TVA\u00a020\u00a0%)', quantity: 1, unitPriceCents: 150_000, vatRate: 20 },
      { description: 'Acompte de 30\u00a0% sur devis D-2026-0002 (TVA\u00a010\u00a0%)', quantity: 1, unitPriceCents: 90_000, vatRate: 10 },
    ]);
    // 150,000 + 30,000 + 90,000 + 9,000 = 279,000 = 30 % of 930,000.
    expect(invoiceTotals(lines).grossCents).toBe(279_000);
  });

  it('turns an amount of 100,000 cents TTC on a mixed quote into exactly 100,000 gross, in the quote VAT mix', () => {
    const lines = depositLines(MIXED, { amountCents: 100_000 }, 'D-2026-0002');
    // 500,000 × 100,000 / 930,000 = 53,763.44 → 53,763 (VAT 10,752.6 → 10,753)
    // 300,000 × 100,000 / 930,000 = 32,258.06 → 32,258 (VAT 3,225.8 → 3,226)
    // 53,763 + 10,753 + 32,258 + 3,226 = 100,000
    expect(lines.map((l) => [l.vatRate, l.unitPriceCents])).toEqual([
      [20, 53_763],
      [10, 32_258],
    ]);
    expect(lines[0]!.description).toBe('Acompte sur devis D-2026-0002 (TVA\u00a020\u00a0%)');
    expect(invoiceTotals(lines).grossCents).toBe(100_000);
  });

  it('corrects the rounding on the largest line so the amount asked for is met to the cent', () => {
    // Two lines of 10.02 € at 20 %: VAT 2.004 → 2.00 each, so the quote is 2,004 + 400 = 2,404.
    // Asking 2,404: share = 2,004 net, VAT 400.8 → 401, gross 2,405; one cent less net (2,003,
    // VAT 400.6 → 401) gives 2,404.
    const quote = invoiceTotals([line(1_002, 20), line(1_002, 20)]);
    const lines = depositLines(quote, { amountCents: 2_404 }, 'D');
    expect(lines.map((l) => l.unitPriceCents)).toEqual([2_003]);
    expect(invoiceTotals(lines).grossCents).toBe(2_404);
  });

  it('leaves out the rates whose net is zero', () => {
    const quote = invoiceTotals([line(100_000, 20), line(0, 10)]);
    expect(depositLines(quote, { percent: 50 }, 'D').map((l) => l.vatRate)).toEqual([20]);
  });

  it('for any quote and percent, the deposit keeps the quote’s VAT rates and is the percent of its gross, never more, at most a cent less', () => {
    fc.assert(
      fc.property(arbQuoteLines, arbPercent, (ls, percent) => {
        const quote = invoiceTotals(ls);
        const lines = depositLines(quote, { percent }, 'D');
        const rows = quote.vatBreakdown.filter((r) => r.netCents > 0);
        expect(lines.map((l) => l.vatRate)).toEqual(rows.map((r) => r.vatRate));
        // percent × gross in exact integers, half a cent up (a float product reads 18 324 388,5 as 18 324 388,4999…).
        const wanted = Number((BigInt(quote.grossCents) * BigInt(Math.round(percent * 100)) * 2n + 10_000n) / 20_000n);
        const gross = invoiceTotals(lines).grossCents;
        expect(gross).toBeLessThanOrEqual(wanted);
        expect(gross).toBeGreaterThanOrEqual(wanted - 1);
      }),
      {
        // A half cent exactly (36 531 875 × 50,16 % = 18 324 388,5), found by a random run in CI.
        examples: [[[
          { description: 'x', quantity: 8.798, unitPriceCents: 659_722, vatRate: 20 },
          { description: 'x', quantity: 6.682, unitPriceCents: 818_169, vatRate: 0 },
          { description: 'x', quantity: 7.936, unitPriceCents: 1_047_249, vatRate: 0 },
          { description: 'x', quantity: 7.907, unitPriceCents: 1_664_013, vatRate: 20 },
        ], 50.16]],
      },
    );
  });

  it('for a quote with one line per rate, the deposit gross never exceeds the quote and is within 2 cents per rate of percent × gross', () => {
    fc.assert(
      fc.property(arbOneLinePerRate, arbPercent, (ls, percent) => {
        const quote = invoiceTotals(ls);
        const deposit = invoiceTotals(depositLines(quote, { percent }, 'D'));
        expect(deposit.grossCents).toBeLessThanOrEqual(quote.grossCents);
        // Per rate: ±0.5 on the net share, ±0.5 on its VAT, ±0.5 × percent on the quote's VAT rounding.
        expect(Math.abs(deposit.grossCents - (quote.grossCents * percent) / 100)).toBeLessThanOrEqual(2 * deposit.vatBreakdown.length);
        if (percent === 100) expect(deposit.grossCents).toBe(quote.grossCents);
      }),
    );
  });

  it('for any amount up to a single-rate-line quote, the deposit gross is the amount or within 1 cent of it', () => {
    // At 20 %, gross = n + round(n/5) skips every value 6k+3: no net gives it exactly.
    fc.assert(
      fc.property(arbOneLinePerRate, fc.double({ min: 0, max: 1, noNaN: true }), (ls, f) => {
        const quote = invoiceTotals(ls);
        const amountCents = Math.max(1, Math.round(quote.grossCents * f));
        const gross = invoiceTotals(depositLines(quote, { amountCents }, 'D')).grossCents;
        expect(Math.abs(gross - amountCents)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

/** A final invoice of €12,000 TTC from which a 30 % deposit (360,000) is deducted. */
const finalInvoice = (overrides: Partial<Settlement> = {}): Settlement => ({
  status: 'sent',
  totals: { grossCents: 1_200_000 },
  deductedCents: 360_000,
  paidCents: 0,
  creditedCents: 0,
  ...overrides,
});

describe('invoiceBalanceCents', () => {
  it('deducts the deposit invoices from a final invoice: 1,200,000 − 360,000 = 840,000', () => {
    expect(invoiceBalanceCents(finalInvoice())).toBe(840_000);
  });

  it('reduces the balance by payments and by credit notes', () => {
    // 1,200,000 − 360,000 − 400,000 − 100,000 = 340,000
    expect(invoiceBalanceCents(finalInvoice({ paidCents: 400_000, creditedCents: 100_000 }))).toBe(340_000);
  });

  it('treats a missing deduction as none (a standard invoice)', () => {
    expect(invoiceBalanceCents({ totals: { grossCents: 120_000 }, paidCents: 20_000, creditedCents: 0 })).toBe(100_000);
  });

  it('is gross − deducted − paid − credited whenever that is not negative, and 0 otherwise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (grossCents, deductedCents, paidCents, creditedCents) => {
          const balance = invoiceBalanceCents({ totals: { grossCents }, deductedCents, paidCents, creditedCents });
          const exact = grossCents - deductedCents - paidCents - creditedCents;
          expect(balance).toBeGreaterThanOrEqual(0);
          expect(balance).toBe(exact >= 0 ? exact : 0);
        },
      ),
    );
  });
});

describe('settledStatusOf', () => {
  it('cancels a sent invoice fully credited with no payment', () => {
    expect(settledStatusOf({ status: 'sent', totals: { grossCents: 120_000 }, paidCents: 0, creditedCents: 120_000 })).toBe('cancelled');
  });

  it('cancels a final invoice whose balance after deposits (840,000) is fully credited', () => {
    expect(settledStatusOf(finalInvoice({ creditedCents: 840_000 }))).toBe('cancelled');
  });

  it('marks paid an invoice settled by payments after a partial credit', () => {
    // 840,000 due: 40,000 credited + 800,000 paid = 840,000.
    expect(settledStatusOf(finalInvoice({ creditedCents: 40_000, paidCents: 800_000 }))).toBe('paid');
  });

  it('keeps a partially credited, unpaid invoice sent and a partly paid one partially_paid', () => {
    expect(settledStatusOf(finalInvoice({ creditedCents: 40_000 }))).toBe('sent');
    expect(settledStatusOf(finalInvoice({ creditedCents: 40_000, paidCents: 100_000 }))).toBe('partially_paid');
  });

  it('leaves drafts and cancelled invoices as they are', () => {
    expect(settledStatusOf(finalInvoice({ status: 'draft', creditedCents: 840_000 }))).toBe('draft');
    expect(settledStatusOf(finalInvoice({ status: 'cancelled', paidCents: 100_000 }))).toBe('cancelled');
  });

  it('for any sent invoice, a zero balance means paid or cancelled and a positive one means sent or partially_paid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.double({ min: 0, max: 0.9, noNaN: true }), fc.nat(), fc.nat(), (grossCents, d, p, c) => {
        const deductedCents = Math.floor(grossCents * d);
        const due = grossCents - deductedCents;
        const paidCents = p % (due + 1);
        const creditedCents = c % (due - paidCents + 1);
        const s: Settlement = { status: 'sent', totals: { grossCents }, deductedCents, paidCents, creditedCents };
        const status = settledStatusOf(s);
        if (invoiceBalanceCents(s) === 0) expect(status).toBe(paidCents === 0 ? 'cancelled' : 'paid');
        else expect(status).toBe(paidCents > 0 ? 'partially_paid' : 'sent');
      }),
    );
  });
});

describe('quoteStatusView', () => {
  it('keeps a pending quote pending through its validity date and expires it the day after', () => {
    expect(quoteStatusView('pending', '2026-03-31', '2026-03-31')).toBe('pending');
    expect(quoteStatusView('pending', '2026-03-31', '2026-04-01')).toBe('expired');
  });

  it('never expires an answered or converted quote', () => {
    for (const status of ['accepted', 'refused', 'converted'] as const) {
      expect(quoteStatusView(status, '2026-03-31', '2027-01-01')).toBe(status);
    }
  });
});

describe('planQuoteFollowUp', () => {
  const calendar = parisCalendar();
  // Monday 2 Mar 2026, 10:30 in Paris (CET, UTC+1).
  const sentAt = parisTime('2026-03-02T10:30').toISOString();
  const base = { status: 'pending' as const, sentAt, validUntil: '2026-04-30', calendar, now: new Date(sentAt), delayDays: 7 };

  it('plans the follow-up delayDays after sending, at the send hour: Mon 2 Mar + 7 → Mon 9 Mar 09:00 Paris', () => {
    expect(planQuoteFollowUp(base)).toEqual({ scheduledAt: '2026-03-09T08:00:00.000Z', localTime: '2026-03-09T09:00:00' });
  });

  it('moves a follow-up falling on a Saturday to the Monday', () => {
    // 2 Mar + 5 = Sat 7 Mar → Mon 9 Mar.
    expect(planQuoteFollowUp({ ...base, delayDays: 5 })?.localTime).toBe('2026-03-09T09:00:00');
  });

  it('moves a follow-up falling on 1 May (a Friday in 2026) to Monday 4 May, 09:00 CEST', () => {
    const sent = parisTime('2026-04-29T11:00').toISOString();
    expect(planQuoteFollowUp({ ...base, sentAt: sent, now: new Date(sent), delayDays: 2, validUntil: '2026-05-29' })).toEqual({
      scheduledAt: '2026-05-04T07:00:00.000Z',
      localTime: '2026-05-04T09:00:00',
    });
  });

  it('keeps the send hour across the change to summer time (Mon 23 Mar + 7 → Mon 30 Mar 09:00 CEST = 07:00 UTC)', () => {
    const sent = parisTime('2026-03-23T10:00').toISOString();
    expect(planQuoteFollowUp({ ...base, sentAt: sent, now: new Date(sent) })?.scheduledAt).toBe('2026-03-30T07:00:00.000Z');
  });

  it('names an existing wall time for a 02:00 follow-up on the spring-forward Sunday (28 Mar 2027: at(03:00), the instant planned)', () => {
    const sent = parisTime('2027-03-21T10:00').toISOString();
    const cal = { ...calendar, sendHour: 2, skipWeekends: false };
    expect(planQuoteFollowUp({ ...base, calendar: cal, sentAt: sent, now: new Date(sent), validUntil: '2027-04-30' })).toEqual({
      scheduledAt: '2027-03-28T01:00:00.000Z',
      localTime: '2027-03-28T03:00:00',
    });
  });

  it('plans on the last day of validity but never after it', () => {
    expect(planQuoteFollowUp({ ...base, validUntil: '2026-03-09' })?.localTime).toBe('2026-03-09T09:00:00');
    expect(planQuoteFollowUp({ ...base, validUntil: '2026-03-08' })).toBeUndefined();
    // Sat 7 Mar moves to Mon 9 Mar, past a validity ending Sunday 8 Mar.
    expect(planQuoteFollowUp({ ...base, delayDays: 5, validUntil: '2026-03-08' })).toBeUndefined();
  });

  it('plans nothing for an answered or converted quote, one already followed up, or one never sent', () => {
    for (const status of ['accepted', 'refused', 'converted'] as const) expect(planQuoteFollowUp({ ...base, status })).toBeUndefined();
    expect(planQuoteFollowUp({ ...base, followUpSentAt: '2026-03-09T08:00:05.000Z' })).toBeUndefined();
    const { sentAt: _unsent, ...neverSent } = base;
    void _unsent;
    expect(planQuoteFollowUp(neverSent)).toBeUndefined();
  });

  it('never plans in the past: re-planned on Tue 10 Mar 14:00, it goes out Wed 11 Mar 09:00', () => {
    expect(planQuoteFollowUp({ ...base, now: parisTime('2026-03-10T14:00') })?.localTime).toBe('2026-03-11T09:00:00');
    // Friday afternoon → Monday.
    expect(planQuoteFollowUp({ ...base, now: parisTime('2026-03-13T14:00') })?.localTime).toBe('2026-03-16T09:00:00');
  });

  it('for any sending, delay and now, plans a send day at the send hour, after now, within validity', () => {
    const day = 86_400_000;
    const start = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 * day }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 90 * day }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 6, max: 20 }),
        (sentOffset, delayDays, elapsed, validity, sendHour) => {
          const cal = parisCalendar({ sendHour });
          const sent = new Date(start + sentOffset);
          const now = new Date(sent.getTime() + elapsed);
          const sentOn = localDate(sent, cal.timeZone);
          const validUntil = addDays(sentOn, validity);
          const plan = planQuoteFollowUp({ status: 'pending', sentAt: sent.toISOString(), validUntil, calendar: cal, now, delayDays });
          if (!plan) {
            // Nothing only when the first possible send day is past validity.
            const earliest = nextSendDay(addDays(sentOn, delayDays), cal);
            const fromNow = sendInstant(earliest, cal) <= now ? nextSendDay(addDays(localDate(now, cal.timeZone), 1), cal) : earliest;
            expect(fromNow > validUntil).toBe(true);
            return;
          }
          const date = plan.localTime.slice(0, 10);
          expect(plan.localTime).toBe(`${date}T${String(sendHour).padStart(2, '0')}:00:00`);
          expect(plan.scheduledAt).toBe(sendInstant(date, cal).toISOString());
          expect(isSendDay(date, cal)).toBe(true);
          expect(date <= validUntil).toBe(true);
          expect(date >= addDays(sentOn, delayDays)).toBe(true);
          expect(Date.parse(plan.scheduledAt)).toBeGreaterThan(now.getTime());
        },
      ),
    );
  });
});
