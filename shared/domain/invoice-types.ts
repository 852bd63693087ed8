/**
 * The invoice aggregate as use cases and adapters see it: the stored invoice, its payments,
 * credit notes and timeline, what creating or changing one takes, and the derived view.
 * The HTTP schemas in shared/http/schemas/invoices.ts validate against these types.
 */
import type { Client } from './client.js';
import type { ClientKind, InvoiceLine, InvoiceStatus, InvoiceTotals } from './invoice.js';
import type { PaymentPlan, PlanRequest } from './payment-plan.js';
import type { CompanyIdentity } from './settings.js';
import type { VatExemption } from './vat-exemption.js';

/** The stored invoice; `overdue`, `daysLate` and `balanceCents` are derived on read. */
export interface InvoiceRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientKind: ClientKind;
  readonly number?: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly lines: readonly InvoiceLine[];
  readonly notes?: string;
  /**
   * The date of the sale or service when it differs from the invoice's (CGI 242 nonies A), or the first day of
   * a job done over several days with `serviceEndDate` its last: printed on the invoice.
   */
  readonly serviceDate?: string;
  readonly serviceEndDate?: string;
  /** Why it charges no VAT, printed as the legal mention (shared/domain/vat-exemption.ts); every line is then at 0 %. */
  readonly vatExemption?: VatExemption;
  readonly currency: 'EUR';
  readonly totals: InvoiceTotals;
  readonly paidCents: number;
  readonly creditedCents: number;
  readonly status: InvoiceStatus;
  readonly remindersPaused: boolean;
  readonly disputed: boolean;
  /** Paused reminders resume by themselves on this local date (an owner's dated pause, a promise, "j'ai payé"). */
  readonly pausedUntil?: string;
  readonly pauseReason?: string;
  readonly disputeReason?: string;
  /** Who raised the dispute: the client from the portal, or the owner (a dispute told by phone, by letter). Absent on older records. */
  readonly disputedBy?: 'client' | 'owner';
  /** The client promised to pay by this date (portal). */
  readonly promisedFor?: string;
  /** The client said it paid (portal): the owner confirms by recording the payment. */
  readonly paidClaim?: { readonly date: string; readonly reference?: string; readonly at: string };
  /** Portal links: tokens of an older generation are dead (revoked or re-issued); `portalDisabled` = no link at all. */
  readonly portalGeneration?: number;
  readonly portalDisabled?: boolean;
  /**
   * Which derived portal token is known stored: `<generation>:<secret fingerprint>`, written with the
   * invoice email that stored it. A later email with the same generation and secret skips the lookup.
   */
  readonly portalLinkStored?: string;
  /**
   * Client actions from the portal that alerted the owner on `day` (the tenant's local date): at most
   * PORTAL_ACTIONS_PER_DAY a day, so a link cannot flood the owner with notifications and emails.
   */
  readonly portalActions?: { readonly day: string; readonly count: number };
  /** First opening of the portal by the client. */
  readonly portalViewedAt?: string;
  readonly sentAt?: string;
  readonly emailedAt?: string;
  readonly emailedTo?: string;
  readonly lastPaymentAt?: string;
  readonly lastReminderAt?: string;
  /**
   * The reminder plan whose escalation step moved the invoice to litigation last. Once the owner takes
   * it back, the re-plan sees an escalation done and landed, and plans the next one (`litigation_left`).
   */
  readonly escalatedPlan?: number;
  /**
   * Paid while in litigation: a payment removed then (a cheque that bounced) puts it back in litigation, not
   * back under the reminders. Absent on any other status.
   */
  readonly paidInLitigation?: boolean;
  /**
   * Local date of the last reminder (any kind) in the tenant's zone when it went. The per-invoice daily slot, claimed
   * conditionally, dates `lastReminderAt` in today's zone (reminder-slot.ts); this date alone only for items without it.
   */
  readonly lastReminderDay?: string;
  readonly reminderCount: number;
  /** Absent = a standard invoice. A deposit (facture d'acompte) or a final invoice comes from a quote. */
  readonly kind?: 'deposit' | 'final';
  readonly quoteId?: string;
  readonly quoteNumber?: string;
  /** Final invoice: the deposit invoices it lists and deducts (CGI 289). */
  readonly deductions?: readonly DepositDeduction[];
  /** Sum of `deductions[].grossCents`. */
  readonly deductedCents?: number;
  /** Seller, client and legal mentions as they were when the invoice was numbered: its PDFs are rendered from this forever. */
  readonly issued?: IssuedParties;
  /** Issued elsewhere and brought in by an import: it keeps its own number, outside our sequence. */
  readonly imported?: boolean;
  /**
   * Imported invoices: what credit notes issued before the import took off (`Avoirs`), part of
   * `creditedCents` and dated at the invoice's issue date. It is no payment and no credit note of ours.
   */
  readonly importedCreditedCents?: number;
  /**
   * Imported invoices: what was paid before the import, written with the invoice (its payment follows in a second
   * write): another upload of the file checked between the two finds it paid as the file says. Not part of the API.
   */
  readonly importedPaidCents?: number;
  /**
   * Due dates moved once sent (a delay granted): the business day of each move (tenant time zone) and the due date
   * before it, oldest first, so a past cockpit ages that day's balance by the due date of that day. Not part of the API.
   */
  readonly dueDateChanges?: readonly { readonly on: string; readonly from: string }[];
  /** The latest payment plan (échéancier), active or ended; its reminder steps replace the scenario's while it runs. */
  readonly paymentPlan?: PaymentPlan;
  /** A plan the client asked for from the portal, until the owner decides. */
  readonly planRequest?: PlanRequest;
  /** Bumped on every write; writes are conditional on the version they read. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The client's identity as printed on an issued document. */
export type ClientSnapshot = Pick<Client, 'name' | 'kind' | 'email' | 'address' | 'siren' | 'vatNumber' | 'language'>;

/** Who issued a document to whom, frozen at issue (lines and totals are frozen on the invoice itself). */
export interface IssuedParties {
  readonly seller: CompanyIdentity;
  readonly client: ClientSnapshot;
  /** The late-penalty rate stated in the invoice's mandatory mentions. */
  readonly penaltyRatePercent: number;
  /**
   * The settings' contract rate when it was issued, `null` for none (the legal rate): what reminders, letters
   * and the proof file claim on it, whatever the settings say later. Absent on invoices issued before it was kept.
   */
  readonly contractRatePercent?: number | null;
}

/** A deposit invoice as a final invoice lists it: number, date and amounts. */
export interface DepositDeduction {
  readonly invoiceId: string;
  readonly number: string;
  readonly issueDate: string;
  readonly netCents: number;
  readonly vatCents: number;
  readonly grossCents: number;
  /**
   * Its rows per VAT rate, net of its credit notes (absent on final invoices made before they were kept): the
   * final invoice prints the VAT per rate it still bills, the job's rows less these.
   */
  readonly vatBreakdown?: InvoiceTotals['vatBreakdown'];
}

/** A credit note (avoir): reduces or cancels a sent invoice; amounts are positive, split by VAT rate like the invoice. */
export interface CreditNoteRecord {
  readonly id: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly invoiceIssueDate: string;
  readonly number: string;
  readonly issueDate: string;
  readonly reason: string;
  readonly full: boolean;
  /** `bad_debt`: issued by a write-off, the VAT regularisation of an irrecoverable debt (CGI art. 272-1). */
  readonly purpose?: 'bad_debt';
  /** The invoice's reason for charging no VAT: the credit note repeats its mention. */
  readonly vatExemption?: VatExemption;
  readonly netCents: number;
  readonly vatCents: number;
  readonly grossCents: number;
  readonly vatBreakdown: InvoiceTotals['vatBreakdown'];
  readonly createdAt: string;
  /** How its latest email to the client went (`failed`: SES refused it); absent on a credit note issued before it was recorded. */
  readonly emailStatus?: 'sent' | 'failed';
  /** When it last reached SES, to whom, and SES's message id (its delivery or bounce on the timeline carries the same id). */
  readonly emailedAt?: string;
  readonly emailedTo?: string;
  readonly messageId?: string;
  /** The claim of an email being sent (its instant): a second send meanwhile is refused, one older than a minute is stale. */
  readonly emailClaimedAt?: string;
}

export type PaymentMethod = 'transfer' | 'card' | 'cheque' | 'cash' | 'direct_debit' | 'other';

export interface PaymentRecord {
  readonly id: string;
  readonly invoiceId: string;
  readonly amountCents: number;
  readonly date: string;
  readonly method: string;
  readonly reference?: string;
  readonly createdAt: string;
  readonly removedAt?: string;
}

export interface TimelineRecord {
  readonly at: string;
  readonly type: string;
  readonly data?: Record<string, unknown>;
}

/** A draft: `dueDate` or `paymentTermsDays` from `issueDate`. */
export interface InvoiceInput {
  readonly clientId: string;
  readonly issueDate: string;
  readonly dueDate?: string;
  readonly paymentTermsDays?: number;
  readonly lines: readonly InvoiceLine[];
  readonly notes?: string;
  readonly serviceDate?: string;
  readonly serviceEndDate?: string;
  readonly vatExemption?: VatExemption;
  readonly currency: 'EUR';
}

/** Editing a draft (dates, lines, notes; `null` clears the notes), or pausing / disputing a sent invoice. */
export interface InvoicePatch {
  readonly issueDate?: string;
  readonly dueDate?: string;
  readonly lines?: readonly InvoiceLine[];
  readonly notes?: string | null;
  /** The service's date or period (a draft only); `null` removes it. */
  readonly serviceDate?: string | null;
  readonly serviceEndDate?: string | null;
  /** `null` removes it (a draft only). */
  readonly vatExemption?: VatExemption | null;
  readonly remindersPaused?: boolean;
  readonly disputed?: boolean;
}

export interface PaymentInput {
  readonly amountCents: number;
  readonly date: string;
  readonly method: PaymentMethod;
  readonly reference?: string;
}

/** A credit note on a sent invoice: `amountCents` reduces it, none cancels its whole balance. */
/** Cancelling an issued invoice issues a credit note, which must say why; a draft is voided without one. */
export interface CancelInvoiceInput {
  readonly reason?: string;
}

export interface CreditNoteInput {
  readonly amountCents?: number;
  readonly reason: string;
  readonly issueDate?: string;
}

/** The follow-up list's filters, sort and page. */
export interface InvoiceListQuery {
  readonly status?: InvoiceStatus | 'overdue';
  readonly clientId?: string;
  readonly overdue?: boolean;
  readonly reminded?: boolean;
  readonly minDaysLate?: number;
  readonly maxDaysLate?: number;
  readonly dueFrom?: string;
  readonly dueTo?: string;
  /** Awaiting payment and due from today to today + N. */
  readonly dueWithinDays?: number;
  /** Only invoices awaiting payment (sent or partially paid): the "non relancées" tab without the paid ones. */
  readonly open?: boolean;
  /** An invoice number prefix, or a client-name prefix. */
  readonly q?: string;
  readonly sort: 'dueDate' | '-dueDate' | 'amount' | 'daysLate' | 'client' | 'lastReminder';
  readonly order?: 'asc' | 'desc';
  readonly limit: number;
  readonly cursor?: string;
}

/** The API shape of an invoice: the record without its bookkeeping, plus what is derived at read time. */
export type InvoiceView = Omit<InvoiceRecord, 'tenantId' | 'clientKind' | 'version' | 'emailedAt' | 'reminderCount' | 'lastPaymentAt' | 'portalGeneration' | 'portalLinkStored' | 'lastReminderDay' | 'escalatedPlan' | 'importedPaidCents' | 'paidInLitigation' | 'dueDateChanges'> & {
  readonly balanceCents: number;
  readonly overdue: boolean;
  readonly daysLate: number;
  /** List rows only: the client's name, the last reminder sent and the next one planned. */
  readonly clientName?: string;
  readonly imported?: boolean;
  readonly lastReminder?: { readonly at: string; readonly templateId: string };
  readonly nextStep?: { readonly at: string; readonly templateId: string };
};
