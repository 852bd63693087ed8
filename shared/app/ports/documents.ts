/** Ports — Rendering PDFs: what each document shows, and the renderers. */
import type { LetterPdfData } from '../../../templates/pdf/letter-types.js';
import type { Client } from '../../domain/client.js';
import type { CreditNoteRecord, InvoiceRecord, PaymentRecord } from '../../domain/invoice-types.js';
import type { QuoteRecord } from '../../domain/quote-types.js';
import type { Settings } from '../../domain/settings.js';
import type { PlanOnDocument } from '../../domain/payment-plan.js';

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
  /** A reminder copy while a payment plan runs: the plan's table ("rappel de l'échéancier"). */
  readonly paymentPlan?: PlanOnDocument;
  /** EPC069-12 payload for the QR code banking apps scan (open invoice, seller IBAN); none = no QR code. */
  readonly epcPayload?: string;
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
  /** Loads what the first invoice render would (the library, fonts, the template), so that it costs no more than the next ones. */
  warm?(): Promise<void>;
}
