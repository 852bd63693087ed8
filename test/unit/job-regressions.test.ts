/** Regressions found by property and example tests of the job arithmetic (deposits, credits, job view). */
import { describe, expect, it } from 'vitest';
import { creditSplit, makeIssueCreditNote } from '../../shared/app/credit-notes.js';
import { makeCreateDeposit, makeCreateFinalInvoice } from '../../shared/app/job-invoices.js';
import { makeRecordPayment } from '../../shared/app/payments.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { jobView } from '../../shared/app/quotes.js';
import { invoiceTotals, type InvoiceLine } from '../../shared/domain/invoice.js';
import type { VatRate } from '../../shared/domain/money.js';
import { depositLines } from '../../shared/domain/quote.js';
import { anInvoiceRecord } from '../fixtures/fakes.js';
import { aQuoteRecord, quoteWorld } from '../fixtures/more-fakes.js';

const line = (unitPriceCents: number, vatRate: VatRate): InvoiceLine => ({ description: 'x', quantity: 1, unitPriceCents, vatRate });

describe('job arithmetic regressions', () => {
  it('a 100 % deposit is exactly the quote, even when the quote rounded VAT line by line', async () => {
    const lines = [line(1_002, 20), line(1_002, 20)];
    const quote = invoiceTotals(lines); // 2,004 net + 2 × 200 VAT = 2,404
    expect(invoiceTotals(depositLines(quote, { percent: 100 }, 'D')).grossCents).toBe(2_404);
    const world = quoteWorld('2026-03-05T10:00:00.000Z');
    await world.quotes.save(aQuoteRecord({ lines }));
    await expect(makeCreateDeposit(world)('acme', 'q1', { percent: 100 })).resolves.toMatchObject({ totals: { grossCents: 2_404 } });
  });

  it('an amount deposit hits the amount when a cent-exact split exists', () => {
    const quote = invoiceTotals([line(100_000, 20), line(100_000, 10)]); // 230,000
    expect(invoiceTotals(depositLines(quote, { amountCents: 150_000 }, 'D')).grossCents).toBe(150_000);
  });

  it('never gives a credit-note row a negative amount (2 cents on a 4-rate invoice)', () => {
    const lines = [line(10_000, 20), line(10_909, 10), line(11_374, 5.5), line(11_753, 2.1)];
    const split = creditSplit(anInvoiceRecord({ lines, totals: invoiceTotals(lines) }), 2);
    for (const r of split.vatBreakdown) expect(r.netCents).toBeGreaterThanOrEqual(0);
    expect(split.netCents + split.vatCents).toBe(2);
  });

  const jobWithCreditedDeposit = async (depositCredit: number | undefined) => {
    const world = quoteWorld('2026-03-05T10:00:00.000Z');
    await world.quotes.save(aQuoteRecord());
    const deposit = await makeCreateDeposit(world)('acme', 'q1', { percent: 30 }); // 360,000
    const stored = (await world.invoices.get('acme', deposit.id))!;
    world.invoices.add({ ...stored, status: 'sent', number: 'F-2026-0001', version: stored.version + 1 } as InvoiceRecord);
    await makeIssueCreditNote(world)('acme', deposit.id, { reason: 'x', ...(depositCredit ? { amountCents: depositCredit } : {}) });
    return { world, deposit };
  };

  it('the job’s remaining amount equals what the documents still claim when a deposit was credited', async () => {
    const { world, deposit } = await jobWithCreditedDeposit(60_000);
    await makeRecordPayment(world)('acme', deposit.id, { amountCents: 300_000, date: '2026-03-05', method: 'transfer' });
    const final = await makeCreateFinalInvoice(world)('acme', 'q1', {}); // deducts 300,000
    expect(final.balanceCents).toBe(900_000);
    const view = await jobView(world.invoices, (await world.quotes.get('acme', 'q1'))!, '2026-03-05');
    expect(view.job.remainingCents).toBe(900_000);
  });

  it('a cancelled deposit does not reduce what remains on the job', async () => {
    const { world } = await jobWithCreditedDeposit(undefined);
    const final = await makeCreateFinalInvoice(world)('acme', 'q1', {});
    expect(final.balanceCents).toBe(1_200_000);
    const view = await jobView(world.invoices, (await world.quotes.get('acme', 'q1'))!, '2026-03-05');
    expect(view.job.remainingCents).toBe(1_200_000);
  });

  it('deducts a partly credited deposit for what it still bills, net + VAT = gross', async () => {
    const { world } = await jobWithCreditedDeposit(60_000);
    const [d] = (await makeCreateFinalInvoice(world)('acme', 'q1', {})).deductions!;
    expect(d).toMatchObject({ netCents: 250_000, vatCents: 50_000, grossCents: 300_000 });
  });
});
