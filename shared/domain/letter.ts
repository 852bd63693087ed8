/**
 * What a mise en demeure letter says (DOMAIN.md §1): both parties, the unpaid invoices, the
 * penalties and the €40 for a business, a deadline and how to pay. A letter step records this
 * when it is produced, so its PDF can be rendered again, identically, at any later time.
 */
import type { PlanOnDocument } from './payment-plan.js';
import type { Client } from './client.js';
import type { CompanyIdentity } from './settings.js';

/** One unpaid invoice as the letter lists it (number, dates, amount, payments, balance). */
export interface LetterInvoice {
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly grossCents: number;
  readonly paidCents: number;
  readonly balanceCents: number;
  /** Days past the due date on the letter's date (letters produced before per-invoice details carry none). */
  readonly daysLate?: number;
  /** This invoice's share of the penalties and the €40 (business clients only), printed per invoice. */
  readonly penaltiesCents?: number;
  readonly indemnityCents?: number;
}

export interface LetterData {
  readonly seller: CompanyIdentity;
  readonly client: Client;
  readonly invoices: readonly LetterInvoice[];
  /** Late penalties accrued to `date` (C. com. L441-10). Business clients only: never printed for a consumer. */
  readonly penaltiesCents?: number;
  /**
   * Where the penalty rate comes from (shared/domain/penalties.ts): `estimated` (the semester's
   * rates are not published yet) and `contract` (the agreed rate) are said under the penalties.
   */
  readonly penaltyRateSource?: 'table' | 'contract' | 'estimated';
  /** Fixed recovery indemnity, 4000 per late invoice (D441-5). Business clients only: never printed for a consumer. */
  readonly indemnityCents?: number;
  /** Days from receipt of the letter to pay; 8 by default in the scenarios. */
  readonly deadlineDays: number;
  /** Date of the letter, `YYYY-MM-DD`. */
  readonly date: string;
  /** How to pay, e.g. "Virement sur IBAN FR76 …, référence F-2026-0001". */
  readonly paymentInstructions: string;
  readonly language: 'fr' | 'en';
  /**
   * The EPC QR code printed under the payment methods (EPC069-12): the unpaid balance of the invoices listed,
   * their numbers as remittance. Absent without an IBAN, and on letters produced before it was printed.
   */
  readonly epcPayload?: string;
  /** The payment plan running on the invoice, printed as a table; its waiver removes penalties and the €40. */
  readonly paymentPlan?: PlanOnDocument;
  /**
   * 2 (every letter produced since): the totals beside the QR code keep within the margins, the QR code's
   * caption under it, the closing and the signature on one page, a foreign country named in capitals under
   * the client's address (`BELGIQUE`, not `BE`). Absent on letters produced before, which
   * render as they were (the same bytes, their recorded SHA-256). 3 (since 2026-11-27 20:00 UTC): as 2, and the per-invoice
   * detail of a letter listing more invoices than a page holds breaks across pages, its header repeated (kept whole, it was
   * squeezed onto one page, its rows over their rules). 4 (since 2026-11-27 22:19 UTC): as 3, and the seller's country
   * abroad named in capitals too (`BELGIQUE`), as on every other document in its language (it printed the ISO code).
   * 5 (since 2026-11-28 04:00 UTC): as 4, and a French letter in French typography, a no-break space before « : ; ! ? »
   * and %, after « and between a number and its unit (templates/pdf/typography.ts), where it printed a plain one.
   */
  readonly layout?: 2 | 3 | 4 | 5;
  /**
   * None of the invoices listed was reminded before (a letter as the first step, a formal notice sent by hand):
   * the letter never says "Malgré nos précédentes relances". Absent otherwise, and on letters produced before.
   */
  readonly firstNotice?: true;
}

/**
 * Where a letter listing several invoices of one client is recorded: every letter step it answers
 * holds the same `letterId` and this list, so posting one closes them all and a payment on one
 * regroups the others (shared/app/reminders/letters.ts, reconcile-schedules.ts).
 */
export interface LetterMember {
  readonly invoiceId: string;
  readonly plan: number;
  readonly index: number;
  readonly stepId: string;
}

/** The id of a letter listing several invoices: its first step's, stable for a retried fire. */
export const letterIdOf = (lead: { readonly invoiceId: string; readonly plan: number; readonly index: number }): string => `L-${lead.invoiceId}-${lead.plan}.${lead.index}`;

/**
 * Who holds the client's gap claim a letter took when it was produced: its step (`<invoice>/<plan>.<index>`, as an
 * email's), or for a letter listing several invoices the step whose fire produced it, named by the letter's id
 * (`group/<invoice>/<plan>.<index>`). Withdrawn before it was posted, the letter gives the claim back under that name.
 */
export const letterGapHolder = (invoiceId: string, step: { readonly plan: number; readonly index: number; readonly letterId?: string | undefined }): string => {
  if (!step.letterId) return `${invoiceId}/${step.plan}.${step.index}`;
  const cut = step.letterId.lastIndexOf('-');
  return `group/${step.letterId.slice(2, cut)}/${step.letterId.slice(cut + 1)}`;
};
