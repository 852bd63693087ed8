/**
 * Ports: the small interfaces use cases depend on. Adapters (shared/adapters) implement
 * them with DynamoDB, SESv2, EventBridge Scheduler and react-pdf; unit tests pass fakes.
 */
import type { Client } from '../domain/client.js';
import type { InvoiceStatus } from '../domain/invoice.js';
import type { CreditNoteRecord, InvoiceRecord, PaymentRecord, TimelineRecord } from '../domain/invoice-types.js';
import type { QuoteRecord } from '../domain/quote-types.js';
import type { Settings } from '../domain/settings.js';
import type { StepRecordItem } from '../domain/step.js';
import type { LetterPdfData } from '../../templates/pdf/letter-types.js';

// The domain's records, re-exported where use cases and adapters have always found them.
export type { CreditNoteRecord, DepositDeduction, InvoiceRecord, PaymentRecord, TimelineRecord } from '../domain/invoice-types.js';
export type { QuoteRecord, QuoteStatus } from '../domain/quote-types.js';
export type { StepRecordItem, StepRecordState } from '../domain/step.js';

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  next(): string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

export interface ClientRepository {
  create(tenantId: string, client: Client): Promise<void>;
  get(tenantId: string, id: string): Promise<Client | undefined>;
  /** Replaces the item if it still has `expectedUpdatedAt` (optimistic concurrency). */
  replace(tenantId: string, client: Client, expectedUpdatedAt: string): Promise<void>;
  list(tenantId: string, page: PageRequest): Promise<Page<Client>>;
  /** Records a reminder sent to the client (keeps the latest instant; never bumps `updatedAt`). */
  recordMessage(tenantId: string, clientId: string, at: string): Promise<void>;
}

export interface InvoiceListFilter {
  readonly status?: InvoiceStatus | 'overdue';
  readonly clientId?: string;
  /** Local date in the tenant's time zone: open invoices due before it are overdue. */
  readonly today: string;
  readonly overdue?: boolean;
  readonly reminded?: boolean;
  readonly dueFrom?: string;
  readonly dueTo?: string;
  readonly descending: boolean;
}

export interface InvoiceRepository {
  get(tenantId: string, id: string): Promise<InvoiceRecord | undefined>;
  /** Writes the draft and its `created` timeline event together. */
  create(invoice: InvoiceRecord, event: TimelineRecord): Promise<void>;
  /**
   * Replaces the invoice if its stored version is `invoice.version - 1`, together with the
   * optional payment change and timeline events, in one transaction. Throws ConflictError
   * when another writer got there first.
   */
  save(
    invoice: InvoiceRecord,
    change?: { readonly events?: readonly TimelineRecord[]; readonly putPayment?: PaymentRecord },
  ): Promise<void>;
  /**
   * Gives the invoice the next number of the tenant's `prefix`/`year` sequence and writes it,
   * atomically: a number is consumed only if the invoice is written, so the sequence has no gap.
   */
  saveWithNextNumber(
    invoice: InvoiceRecord,
    sequence: { readonly prefix: string; readonly year: number },
    events: (number: string) => readonly TimelineRecord[],
  ): Promise<InvoiceRecord>;
  list(tenantId: string, filter: InvoiceListFilter, page: PageRequest): Promise<Page<InvoiceRecord>>;
  payments(tenantId: string, invoiceId: string): Promise<PaymentRecord[]>;
  timeline(tenantId: string, invoiceId: string, page: PageRequest): Promise<Page<TimelineRecord>>;
  appendEvents(tenantId: string, invoiceId: string, events: readonly TimelineRecord[]): Promise<void>;
  /** Counts a reminder sent, atomically (bumps the version so a concurrent save retries). */
  recordReminder(tenantId: string, invoiceId: string, at: string): Promise<void>;
  /**
   * Issues a credit note: gives it the next number of the tenant's `A` sequence and writes it
   * with the invoice's new state and timeline events, in one transaction.
   */
  saveWithCreditNote(
    invoice: InvoiceRecord,
    creditNote: Omit<CreditNoteRecord, 'number'>,
    year: number,
    events: (number: string) => readonly TimelineRecord[],
  ): Promise<CreditNoteRecord>;
  creditNotes(tenantId: string, invoiceId: string): Promise<CreditNoteRecord[]>;
  /** Ids of the invoices awaiting payment (sent, partially paid), of one client or the whole tenant. */
  openInvoiceIds(tenantId: string, clientId?: string): Promise<string[]>;
}

export interface QuoteRepository {
  get(tenantId: string, id: string): Promise<QuoteRecord | undefined>;
  create(quote: QuoteRecord, event: TimelineRecord): Promise<void>;
  /** Replaces the quote if its stored version is `quote.version - 1`; ConflictError otherwise. */
  save(quote: QuoteRecord, events?: readonly TimelineRecord[]): Promise<void>;
  saveWithNextNumber(quote: QuoteRecord, year: number, events: (number: string) => readonly TimelineRecord[]): Promise<QuoteRecord>;
  list(tenantId: string, page: PageRequest): Promise<Page<QuoteRecord>>;
  timeline(tenantId: string, quoteId: string, page: PageRequest): Promise<Page<TimelineRecord>>;
}

export interface SettingsRepository {
  get(tenantId: string): Promise<Settings>;
  put(tenantId: string, settings: Settings): Promise<void>;
}

export interface EmailAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface OutgoingEmail {
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly replyTo?: string;
  readonly fromName?: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly attachments?: readonly EmailAttachment[];
  /** SES message tags, for correlating delivery events (tenant, invoice, step). */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface Mailer {
  /** Returns the provider's message id. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

export interface IdempotencyStore {
  /**
   * Claims `key` for a request with `fingerprint`. Returns the stored response when the same
   * request already completed; throws ConflictError while it is in flight and
   * BusinessRuleError when the key was used with another request.
   */
  begin(tenantId: string, key: string, fingerprint: string): Promise<{ statusCode: number; body?: string; headers?: Record<string, string> } | undefined>;
  complete(tenantId: string, key: string, response: { statusCode: number; body?: string; headers?: Record<string, string> }): Promise<void>;
  release(tenantId: string, key: string): Promise<void>;
}

/** What an invoice PDF shows. `copy` renders a reminder copy with payments received and the balance. */
export interface InvoicePdfData {
  readonly seller: Settings['company'];
  readonly client: Client;
  readonly invoice: InvoiceRecord;
  readonly payments: readonly PaymentRecord[];
  readonly balanceCents: number;
  /** Annual B2B late-penalty rate shown in the mandatory mentions (business clients only). */
  readonly penaltyRatePercent: number;
  readonly copy?: boolean;
  readonly language: 'fr' | 'en';
}

/** A quote PDF: "Devis" + number, validity date, lines, VAT breakdown, totals, signature block "Bon pour accord". */
export interface QuotePdfData {
  readonly seller: Settings['company'];
  readonly client: Client;
  readonly quote: QuoteRecord;
  readonly language: 'fr' | 'en';
}

/** A credit note PDF: "Avoir" + number, the invoice it refers to (number, date), reason, amounts by VAT rate. */
export interface CreditNotePdfData {
  readonly seller: Settings['company'];
  readonly client: Client;
  readonly creditNote: CreditNoteRecord;
  readonly language: 'fr' | 'en';
}

export interface QuotePdfRenderer {
  quote(data: QuotePdfData): Promise<Uint8Array>;
}

export interface CreditNotePdfRenderer {
  creditNote(data: CreditNotePdfData): Promise<Uint8Array>;
}

export interface PdfRenderer {
  invoice(data: InvoicePdfData): Promise<Uint8Array>;
  /** The mise en demeure letter, fit for registered post. */
  letter(data: LetterPdfData): Promise<Uint8Array>;
}

/** What a schedule carries: ids only, the handler re-reads everything when it fires. */
export interface ReminderInput {
  readonly tenantId: string;
  readonly invoiceId: string;
  readonly stepId: string;
  /** The planned instant (UTC ISO); a schedule whose step moved since is stale. */
  readonly scheduledAt: string;
}

/** What a quote follow-up schedule carries. */
export interface QuoteFollowUpInput {
  readonly tenantId: string;
  readonly quoteId: string;
  readonly stepId: 'quote-follow-up';
  readonly scheduledAt: string;
}

export interface ScheduleDefinition {
  readonly name: string;
  /** `YYYY-MM-DDTHH:mm:ss` wall time in `timeZone`. */
  readonly localTime: string;
  readonly timeZone: string;
  readonly input: ReminderInput | QuoteFollowUpInput;
  readonly description?: string;
}

export interface ScheduleSummary {
  readonly name: string;
}

export interface ReminderScheduler {
  list(namePrefix: string): Promise<ScheduleSummary[]>;
  create(definition: ScheduleDefinition): Promise<void>;
  delete(name: string): Promise<void>;
}

export interface ReminderStepRepository {
  list(tenantId: string, invoiceId: string): Promise<StepRecordItem[]>;
  /**
   * Claims a step for sending with a conditional write. False when it was already sent,
   * is being sent, or failed `maxAttempts` times: the caller must not send.
   */
  claim(tenantId: string, invoiceId: string, step: { stepId: string; templateId: string; scheduledAt?: string; at: string; manual?: boolean }, maxAttempts: number): Promise<boolean>;
  /** Records the outcome of a claimed step. */
  finish(tenantId: string, invoiceId: string, stepId: string, outcome: { state: 'sent' | 'failed'; at: string; messageId?: string; reason?: string }): Promise<void>;
  /** Records a skip unless the step already has a state (a skip never overwrites a send). */
  skip(tenantId: string, invoiceId: string, step: { stepId: string; templateId: string; scheduledAt?: string; at: string; reason: string }): Promise<void>;
}

/** Per-tenant scenarios and templates (the built-in ones live in code and are never stored unless customised). */
export interface TenantDocuments<T extends { id: string }> {
  get(tenantId: string, id: string): Promise<T | undefined>;
  list(tenantId: string): Promise<T[]>;
  put(tenantId: string, doc: T): Promise<void>;
  delete(tenantId: string, id: string): Promise<boolean>;
}
