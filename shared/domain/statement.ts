/**
 * A client's statement (relevé de compte): its open invoices with the payments and credit
 * notes on them, in date order, with a running balance that ends at what the client owes.
 * Pure: the use case reads the invoices; `asOf` dates the days late.
 */
import { daysBetween } from './dates.js';

export interface StatementInvoice {
  readonly id: string;
  readonly number?: string;
  readonly issueDate: string;
  readonly dueDate: string;
  /** What the invoice bills (a final invoice net of the deposits it deducts). */
  readonly billedCents: number;
  readonly payments: readonly { readonly id: string; readonly amountCents: number; readonly date: string; readonly method: string; readonly reference?: string }[];
  readonly credits: readonly { readonly id: string; readonly number: string; readonly grossCents: number; readonly issueDate: string }[];
}

export type StatementLineKind = 'invoice' | 'payment' | 'credit_note';

export interface StatementLine {
  readonly date: string;
  readonly kind: StatementLineKind;
  readonly invoiceId: string;
  /** The document: the invoice's number for an invoice or a payment on it, the credit note's number. */
  readonly reference: string;
  /** Payment lines: how it was paid, and the payer's own reference when given. */
  readonly method?: string;
  readonly paymentReference?: string;
  readonly debitCents: number;
  readonly creditCents: number;
  readonly balanceCents: number;
}

const ORDER: Record<StatementLineKind, number> = { invoice: 0, credit_note: 1, payment: 2 };

export const buildStatement = (invoices: readonly StatementInvoice[], asOf: string) => {
  const movements = invoices.flatMap((i) => [
    { date: i.issueDate, kind: 'invoice' as const, invoiceId: i.id, reference: i.number ?? i.id, debitCents: i.billedCents, creditCents: 0 },
    ...i.credits.map((c) => ({ date: c.issueDate, kind: 'credit_note' as const, invoiceId: i.id, reference: c.number, debitCents: 0, creditCents: c.grossCents })),
    ...i.payments.map((p) => ({
      date: p.date,
      kind: 'payment' as const,
      invoiceId: i.id,
      reference: i.number ?? i.id,
      method: p.method,
      ...(p.reference ? { paymentReference: p.reference } : {}),
      debitCents: 0,
      creditCents: p.amountCents,
    })),
  ]);
  movements.sort((a, b) => a.date.localeCompare(b.date) || a.invoiceId.localeCompare(b.invoiceId) || ORDER[a.kind] - ORDER[b.kind]);
  let running = 0;
  const lines: StatementLine[] = movements.map((m) => {
    running += m.debitCents - m.creditCents;
    return { ...m, balanceCents: running };
  });
  const openInvoices = invoices
    .map((i) => {
      const paidCents = i.payments.reduce((s, p) => s + p.amountCents, 0);
      const creditedCents = i.credits.reduce((s, c) => s + c.grossCents, 0);
      const balanceCents = Math.max(0, i.billedCents - paidCents - creditedCents);
      const daysLate = Math.max(0, daysBetween(i.dueDate, asOf));
      return { id: i.id, ...(i.number ? { number: i.number } : {}), issueDate: i.issueDate, dueDate: i.dueDate, billedCents: i.billedCents, paidCents, creditedCents, balanceCents, daysLate };
    })
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
  return {
    asOf,
    lines,
    openInvoices,
    balanceCents: running,
    overdueCents: openInvoices.filter((i) => i.daysLate > 0).reduce((s, i) => s + i.balanceCents, 0),
  };
};

export type Statement = ReturnType<typeof buildStatement>;
