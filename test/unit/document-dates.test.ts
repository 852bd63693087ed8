import { describe, expect, it } from 'vitest';
import { InvoiceInput, InvoicePatch, PaymentInput } from '../../shared/http/schemas/invoices.js';
import { CreditNoteInput, DepositInput } from '../../shared/http/schemas/quotes.js';

/** Dates of invoices, payments and credit notes are 2000–2099 (the cockpit's years): a year typed wrong is refused, naming its field. */
const problems = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
const LINE = { description: 'Travaux', quantity: 1, unitPriceCents: 10_000, vatRate: 20 };
const RANGE = 'must be between 2000-01-01 and 2099-12-31';

describe('document dates', () => {
  it('refuses an invoice dated 1926 or due in 2206, and accepts 2000-01-01 to 2099-12-31', () => {
    expect(problems(InvoiceInput.safeParse({ clientId: '01JCLIENT00000000000000000', issueDate: '1926-10-01', dueDate: '2026-10-31', lines: [LINE] }))).toEqual([`issueDate: ${RANGE}`]);
    expect(problems(InvoiceInput.safeParse({ clientId: '01JCLIENT00000000000000000', issueDate: '2026-10-01', dueDate: '2206-10-01', lines: [LINE] }))).toEqual([`dueDate: ${RANGE}`]);
    expect(problems(InvoiceInput.safeParse({ clientId: '01JCLIENT00000000000000000', issueDate: '2000-01-01', dueDate: '2099-12-31', lines: [LINE] }))).toEqual([]);
    expect(problems(InvoicePatch.safeParse({ issueDate: '0026-10-01' }))).toEqual([`issueDate: ${RANGE}`]);
  });

  it('refuses a payment, a credit note or a deposit dated outside 2000–2099', () => {
    expect(problems(PaymentInput.safeParse({ amountCents: 100, date: '1999-12-31' }))).toEqual([`date: ${RANGE}`]);
    expect(problems(CreditNoteInput.safeParse({ reason: 'x', issueDate: '2100-01-01' }))).toEqual([`issueDate: ${RANGE}`]);
    expect(problems(DepositInput.safeParse({ percent: 30, dueDate: '2206-01-01' }))).toEqual([`dueDate: ${RANGE}`]);
    expect(problems(PaymentInput.safeParse({ amountCents: 100, date: '2026-02-30' }))).toEqual(['date: must be a calendar date YYYY-MM-DD']);
  });
});
