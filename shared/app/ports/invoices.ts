/** Ports — The invoice aggregate's repository: the invoice with its payments, credit notes and timeline. */
import type { InvoiceStatus } from '../../domain/invoice.js';
import type { CreditNoteRecord, InvoiceRecord, PaymentRecord, TimelineRecord } from '../../domain/invoice-types.js';
import type { Page, PageRequest } from './system.js';

/** What is written with an invoice in one transaction. */
export interface InvoiceChange {
  readonly events?: readonly TimelineRecord[];
  readonly addPayment?: PaymentRecord;
  readonly removePayment?: PaymentRecord;
}

export interface InvoiceListFilter {
  readonly status?: InvoiceStatus | 'overdue';
  readonly clientId?: string;
  /** Local date in the tenant's time zone: open invoices due before it are overdue. */
  readonly today: string;
  readonly overdue?: boolean;
  /** Only invoices awaiting payment (sent, partially paid). */
  readonly open?: boolean;
  readonly reminded?: boolean;
  /** Only invoices 0 days late: not (owed — sent, partially paid, in litigation — and due before today). */
  readonly notLate?: boolean;
  readonly dueFrom?: string;
  readonly dueTo?: string;
  readonly descending: boolean;
}

/**
 * Invoices as every function reads them, and their timeline events appended. Its adapter, DynamoInvoiceRecords, is what
 * wiring.ts builds; creating and saving an invoice are InvoiceRepository's, so the functions that never do (client-reminders,
 * the largest API bundle, the reads) leave that code out.
 */
export interface InvoiceRecords {
  get(tenantId: string, id: string): Promise<InvoiceRecord | undefined>;
  list(tenantId: string, filter: InvoiceListFilter, page: PageRequest): Promise<Page<InvoiceRecord>>;
  payments(tenantId: string, invoiceId: string): Promise<PaymentRecord[]>;
  appendEvents(tenantId: string, invoiceId: string, events: readonly TimelineRecord[]): Promise<void>;
  creditNotes(tenantId: string, invoiceId: string): Promise<CreditNoteRecord[]>;
  /** Ids of the invoices awaiting payment (sent, partially paid), of one client or the whole tenant. */
  openInvoiceIds(tenantId: string, clientId?: string): Promise<string[]>;
}

/** The writes of an invoice itself (DynamoInvoiceRepository, shared/wiring-invoice-repository.ts). */
export interface InvoiceRepository extends InvoiceRecords {
  /** Writes the draft and its `created` timeline event together (and `more` events, in the same transaction). */
  create(invoice: InvoiceRecord, event: TimelineRecord, more?: readonly TimelineRecord[]): Promise<void>;
  /**
   * Replaces the invoice if its stored version is still `invoice.version` (the one read) and writes it
   * as `invoice.version + 1` (the repository owns versions), together with the
   * optional payment change and timeline events, in one transaction. `addPayment` is written
   * only if no payment has its id; `removePayment` only over a payment not yet removed.
   * Throws ConflictError when a condition fails (another writer got there first). Returns the
   * invoice as stored (its new version).
   */
  save(invoice: InvoiceRecord, change?: InvoiceChange): Promise<InvoiceRecord>;
}

/**
 * The invoice repository with the writes that give a document its number (an invoice sent, a credit note issued) and the
 * whole timeline: only the functions that issue documents or show the timeline need them, so their adapter
 * (DynamoInvoiceLedger) stays out of the other bundles, the reminder send path's above all (issue 12's 300 KB budget).
 */
export interface InvoiceLedger extends InvoiceRepository {
  /**
   * Gives the invoice the next number of the tenant's `prefix`/`year` sequence and writes it,
   * atomically: a number is consumed only if the invoice is written, so the sequence has no gap.
   * The sequence stays chronological (CGI 242 nonies A): an invoice whose issueDate is before the
   * last one numbered in the series throws OutOfChronologyError (shared/domain/numbering.ts) and
   * writes nothing.
   */
  saveWithNextNumber(
    invoice: InvoiceRecord,
    sequence: { readonly prefix: string; readonly year: number },
    events: (number: string) => readonly TimelineRecord[],
  ): Promise<InvoiceRecord>;
  /**
   * Issues a credit note: gives it the next number of the tenant's `A` sequence and writes it
   * with the invoice's new state and timeline events, in one transaction. A credit note dated
   * before the last one numbered in the series throws OutOfChronologyError and writes nothing.
   */
  saveWithCreditNote(
    invoice: InvoiceRecord,
    creditNote: Omit<CreditNoteRecord, 'number'>,
    year: number,
    events: (number: string) => readonly TimelineRecord[],
  ): Promise<CreditNoteRecord>;
  timeline(tenantId: string, invoiceId: string, page: PageRequest): Promise<Page<TimelineRecord>>;
  /**
   * Claims the sending of a credit note's email (`emailClaimedAt = at`), on the condition that no claim newer than
   * `staleBefore` holds it: two sends of one credit note at once, one of them gets false and sends nothing.
   */
  claimCreditNoteEmail(tenantId: string, invoiceId: string, creditNoteId: string, at: string, staleBefore: string): Promise<boolean>;
  /**
   * Records how the claimed email went (its status, and for a sent one when, to whom and SES's message id), releases
   * the claim and writes `events`, in one transaction.
   */
  recordCreditNoteEmail(tenantId: string, invoiceId: string, creditNoteId: string, outcome: CreditNoteEmailOutcome, events: readonly TimelineRecord[]): Promise<void>;
}

export type CreditNoteEmailOutcome =
  | { readonly emailStatus: 'sent'; readonly emailedAt: string; readonly emailedTo: string; readonly messageId: string }
  | { readonly emailStatus: 'failed' };
