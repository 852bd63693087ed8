/**
 * The rows of a mise en demeure (DOMAIN.md §1): each invoice with its balance, how late it is and,
 * for a business, its own penalties and €40 (D441-5: per late invoice, so never for one not due
 * yet). One letter may list several invoices of one client (settings `groupByClient`).
 */
import { daysBetween } from '../../domain/dates.js';
import { epcPayload } from '../../domain/epc-qr.js';
import { onlinePaymentText, paymentLinkFor } from '../../domain/template-render.js';
import { invoiceBalanceCents, settledCents } from '../../domain/invoice.js';
import type { LetterData, LetterInvoice } from '../../domain/letter.js';
import { contractRateOf, penaltiesFor, type PenaltyReduction } from '../../domain/penalties.js';
import type { Client } from '../../domain/client.js';
import type { Settings } from '../../domain/settings.js';
import type { InvoiceRecord } from '../ports.js';

type RateSource = NonNullable<LetterData['penaltyRateSource']>;

/**
 * One invoice as the letter lists it on `date`; `claimFees` false (a consumer, a waiver) leaves penalties
 * and the €40 out. `reductions` (its payments and credit notes by date, `penaltyReductions`) count the
 * penalties on what was unpaid each day, as the proof file does; without them, on today's balance.
 */
export const letterRow = (
  invoice: InvoiceRecord,
  client: Pick<Client, 'kind'>,
  settings: Pick<Settings, 'penaltyRatePercent'>,
  date: string,
  claimFees: boolean,
  reductions?: readonly PenaltyReduction[],
  depositsSettled?: number,
): LetterInvoice & { rateSource: RateSource } => {
  const balance = invoiceBalanceCents(invoice);
  const penalties = penaltiesFor(client.kind, {
    unpaidCents: balance,
    dueDate: invoice.dueDate,
    asOf: date,
    ...(contractRateOf(settings, invoice) !== undefined ? { contractualRatePercent: contractRateOf(settings, invoice)! } : {}),
    ...(reductions ? { reductions } : {}),
  });
  return {
    number: invoice.number ?? invoice.id,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    grossCents: invoice.totals.grossCents,
    // What `{{paidAmount}}` says (settledCents): a final invoice's deposits for what was paid on them, when read.
    paidCents: settledCents(invoice, depositsSettled),
    balanceCents: balance,
    daysLate: Math.max(0, daysBetween(invoice.dueDate, date)),
    ...(claimFees && client.kind === 'business' ? { penaltiesCents: penalties.cents, indemnityCents: penalties.indemnityCents } : {}),
    rateSource: penalties.rateSource,
  };
};

/** The rate source said under the penalties: the least certain of the rows' (estimated, then contract, then table). */
const weakest = (sources: readonly RateSource[]): RateSource => (sources.includes('estimated') ? 'estimated' : sources.includes('contract') ? 'contract' : 'table');

/**
 * A letter listing `invoices` (ordered by due date, then number) on `date`; the totals are the sums of
 * the rows, so the letter's penalties and €40 are exactly what each invoice line says.
 */
export const clientLetterData = (m: {
  readonly invoices: readonly InvoiceRecord[];
  readonly client: Client;
  readonly settings: Settings;
  readonly date: string;
  readonly paymentInstructions: string;
  readonly claimFees?: boolean;
  /** Each invoice's payments and credit notes by date, by invoice id (see `letterRow`). */
  readonly reductions?: Readonly<Record<string, readonly PenaltyReduction[]>>;
  /** A final invoice's deposits as settled (`depositsSettledOf`), by invoice id; absent, they count whole. */
  readonly depositsSettled?: Readonly<Record<string, number>>;
}): LetterData => {
  const claimFees = (m.claimFees ?? true) && m.client.kind === 'business';
  const ordered = [...m.invoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || (a.number ?? a.id).localeCompare(b.number ?? b.id));
  const rows = ordered.map((invoice) => letterRow(invoice, m.client, m.settings, m.date, claimFees, m.reductions?.[invoice.id], m.depositsSettled?.[invoice.id]));
  const seller = m.settings.company;
  const unpaidCents = rows.reduce((s, r) => s + r.balanceCents, 0);
  const numbers = rows.map((r) => r.number).join(', ');
  const epc = seller.iban
    ? epcPayload({ beneficiaryName: seller.name, iban: seller.iban, ...(seller.bic ? { bic: seller.bic } : {}), amountCents: unpaidCents, remittance: rows.map((r) => r.number) })
    : undefined;
  // Without an IBAN the payment URL is how to pay: the link of every invoice listed and their whole balance.
  const paymentInstructions = !seller.iban && m.settings.paymentUrl ? onlinePaymentText(paymentLinkFor(m.settings.paymentUrl, { number: numbers, balanceCents: unpaidCents }), m.client.language) : m.paymentInstructions;
  return {
    seller: m.settings.company,
    client: m.client,
    invoices: rows.map(({ rateSource: _source, ...row }) => row),
    ...(claimFees
      ? {
          penaltiesCents: rows.reduce((s, r) => s + (r.penaltiesCents ?? 0), 0),
          penaltyRateSource: weakest(rows.map((r) => r.rateSource)),
          indemnityCents: rows.reduce((s, r) => s + (r.indemnityCents ?? 0), 0),
        }
      : {}),
    deadlineDays: 8,
    date: m.date,
    paymentInstructions,
    language: m.client.language,
    ...(epc ? { epcPayload: epc } : {}),
    layout: 5,
    // Read before the send's claim counts this one: "malgré nos précédentes relances" only when there were some.
    ...(m.invoices.every((i) => (i.reminderCount ?? 0) === 0) ? { firstNotice: true as const } : {}),
  };
};
