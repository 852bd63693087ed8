/**
 * The quote aggregate as use cases and adapters see it. The HTTP schemas in
 * shared/http/schemas/quotes.ts validate against these types.
 */
import type { InvoiceLine, InvoiceTotals } from './invoice.js';
import type { QuoteStatusView } from './quote.js';
import type { VatExemption } from './vat-exemption.js';

export type QuoteStatus = 'pending' | 'accepted' | 'refused' | 'converted';

/** A quote (devis). `expired` is derived from `validUntil`, never stored. */
export interface QuoteRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly number?: string;
  readonly issueDate: string;
  readonly validUntil: string;
  readonly lines: readonly InvoiceLine[];
  readonly notes?: string;
  /** Why it charges no VAT (shared/domain/vat-exemption.ts): printed as its mention, and carried by its deposit and final invoices. */
  readonly vatExemption?: VatExemption;
  readonly currency: 'EUR';
  readonly totals: InvoiceTotals;
  readonly status: QuoteStatus;
  readonly sentAt?: string;
  readonly emailedAt?: string;
  readonly acceptedAt?: string;
  readonly refusedAt?: string;
  readonly convertedAt?: string;
  readonly depositInvoiceIds: readonly string[];
  readonly finalInvoiceId?: string;
  readonly followUpSentAt?: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A quote: `validUntil` or `validityDays` from `issueDate`. */
export interface QuoteInput {
  readonly clientId: string;
  readonly issueDate: string;
  readonly validUntil?: string;
  readonly validityDays?: number;
  readonly lines: readonly InvoiceLine[];
  readonly notes?: string;
  readonly vatExemption?: VatExemption;
  readonly currency: 'EUR';
}

export interface QuotePatch {
  readonly issueDate?: string;
  readonly validUntil?: string;
  readonly lines?: readonly InvoiceLine[];
  readonly notes?: string | null;
  readonly vatExemption?: VatExemption | null;
}

interface InvoiceDates {
  readonly issueDate?: string;
  readonly dueDate?: string;
  readonly paymentTermsDays?: number;
}

/** A deposit invoice from an accepted quote: exactly one of `percent` or `amountCents`. */
export interface DepositInput extends InvoiceDates {
  readonly percent?: number;
  readonly amountCents?: number;
}

export type FinalInvoiceInput = InvoiceDates;

/** One document of a job, as its quote lists it. */
export interface JobDocument {
  readonly type: 'deposit' | 'final' | 'credit_note';
  readonly id: string;
  readonly number?: string;
  readonly issueDate: string;
  readonly status: string;
  readonly grossCents: number;
  readonly paidCents: number;
  readonly balanceCents: number;
}

/** The API shape of a quote: the record without its bookkeeping, its derived status, and its job figures. */
export type QuoteView = Omit<QuoteRecord, 'tenantId' | 'depositInvoiceIds' | 'finalInvoiceId' | 'version' | 'emailedAt' | 'convertedAt' | 'followUpSentAt' | 'status'> & {
  readonly status: QuoteStatusView;
  readonly job: {
    readonly quotedCents: number;
    readonly invoicedCents: number;
    readonly paidCents: number;
    readonly creditedCents: number;
    readonly remainingCents: number;
    readonly documents: readonly JobDocument[];
  };
};
