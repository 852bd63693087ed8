/** The response schemas of quotes.ts (for /openapi.json only: the API functions never build them). */
import * as z from 'zod';
import { businessDate, id, instant } from './common.js';
import { InvoiceLineInput } from './invoices.js';
import { VAT_EXEMPTIONS } from '../../domain/vat-exemption.js';
import { Invoice } from './invoices-views.js';

export const jobDocument = z.object({
  type: z.enum(['deposit', 'final', 'credit_note']),
  id: z.string(),
  number: z.string().optional(),
  issueDate: businessDate,
  status: z.string(),
  grossCents: z.number().int(),
  paidCents: z.number().int(),
  balanceCents: z.number().int(),
});
export const QuoteView = z.object({
  id,
  clientId: id,
  number: z.string().optional(),
  issueDate: businessDate,
  validUntil: businessDate,
  lines: z.array(InvoiceLineInput),
  notes: z.string().optional(),
  /** Why it charges no VAT (its PDF's legal mention, carried by its deposit and final invoices). */
  vatExemption: z.enum(VAT_EXEMPTIONS).optional(),
  currency: z.literal('EUR'),
  totals: z.object({
    netCents: z.number().int(),
    vatCents: z.number().int(),
    grossCents: z.number().int(),
    vatBreakdown: z.array(z.object({ vatRate: z.number(), netCents: z.number().int(), vatCents: z.number().int() })),
  }),
  status: z.enum(['pending', 'accepted', 'refused', 'expired', 'converted']),
  sentAt: instant.optional(),
  acceptedAt: instant.optional(),
  refusedAt: instant.optional(),
  job: z.object({
    quotedCents: z.number().int(),
    invoicedCents: z.number().int(),
    paidCents: z.number().int(),
    creditedCents: z.number().int(),
    remainingCents: z.number().int(),
    documents: z.array(jobDocument),
  }),
  createdAt: instant,
  updatedAt: instant,
});
export const CreditNoteView = z.object({
  id,
  invoiceId: id,
  invoiceNumber: z.string(),
  /** The credited invoice's date, printed on the credit note ("Avoir sur la facture F-… du …"). */
  invoiceIssueDate: businessDate,
  number: z.string(),
  issueDate: businessDate,
  reason: z.string(),
  full: z.boolean(),
  /** `bad_debt`: the VAT regularisation of a written-off invoice (CGI art. 272-1). */
  purpose: z.enum(['bad_debt']).optional(),
  /** The credited invoice's reason for charging no VAT: the credit note repeats its mention. */
  vatExemption: z.enum(VAT_EXEMPTIONS).optional(),
  netCents: z.number().int(),
  vatCents: z.number().int(),
  grossCents: z.number().int(),
  /** The credited amounts per VAT rate of the invoice (reversed at the invoice's rates). */
  vatBreakdown: z.array(z.object({ vatRate: z.number(), netCents: z.number().int(), vatCents: z.number().int() })),
  createdAt: instant,
  /** How its latest email to the client went (`failed`: SES refused it, POST …/send emails it again); absent on one issued before 2026-11-28. */
  emailStatus: z.enum(['sent', 'failed']).optional(),
  /** When its email last left, to which address, and SES's message id (its delivery or bounce on the timeline carries it). */
  emailedAt: instant.optional(),
  emailedTo: z.string().optional(),
  messageId: z.string().optional(),
});
/** `emailStatus`: whether the credit note's email to the client left (`failed`: SES refused it; the owner is alerted, and POST …/credit-notes/{creditNoteId}/send emails it again). */
export const CreditNoteResult = z.object({ creditNote: CreditNoteView, invoice: Invoice, emailStatus: z.enum(['sent', 'failed']) });
/** `POST /invoices/{id}/cancel`: the invoice; for an issued one, also the credit note that cancelled it and how its email went (a voided draft has none). */
export const CancelResult = Invoice.extend({ creditNote: CreditNoteView.optional(), emailStatus: z.enum(['sent', 'failed']).optional() });
