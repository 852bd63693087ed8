import * as z from 'zod';
import type * as invoice from '../../domain/invoice-types.js';
import type * as quote from '../../domain/quote-types.js';
import { businessDate, documentDate, id, listCursor, positiveCents } from './common.js';
import { documentLines } from './invoices.js';
import { VAT_EXEMPTIONS } from '../../domain/vat-exemption.js';

/** Validation and conversion only: the types are the domain's (shared/domain/quote-types.ts). */
export type QuoteInput = quote.QuoteInput;
export type QuotePatch = quote.QuotePatch;
export type DepositInput = quote.DepositInput;
export type FinalInvoiceInput = quote.FinalInvoiceInput;
export type QuoteView = quote.QuoteView;
export type CreditNoteInput = invoice.CreditNoteInput;

export const QuoteInput = z
  .object({
    clientId: id,
    issueDate: businessDate,
    validUntil: businessDate.optional(),
    validityDays: z.number().int().min(1).max(365).optional(),
    lines: documentLines,
    notes: z.string().max(2000).optional(),
    /** Why the quote charges no VAT: its PDF, deposit and final invoices carry the legal mention (every line then at 0 %). */
    vatExemption: z.enum(VAT_EXEMPTIONS).optional(),
    currency: z.literal('EUR').default('EUR'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.validUntil !== undefined && v.validUntil < v.issueDate) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must not be before issueDate' });
    }
  }) satisfies z.ZodType<quote.QuoteInput>;

export const QuotePatch = z
  .object({
    issueDate: businessDate,
    validUntil: businessDate,
    lines: documentLines,
    notes: z.string().max(2000).nullable(),
    vatExemption: z.enum(VAT_EXEMPTIONS).nullable(),
  })
  .partial()
  .strict() satisfies z.ZodType<quote.QuotePatch>;

export const QuoteListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: listCursor.optional(),
});

const invoiceDates = {
  issueDate: documentDate.optional(),
  dueDate: documentDate.optional(),
  paymentTermsDays: z.number().int().min(0).max(60).optional(),
};

export const DepositInput = z
  .object({
    percent: z.number().gt(0).max(100).multipleOf(0.01).optional(),
    amountCents: positiveCents.optional(),
    ...invoiceDates,
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.percent === undefined) === (v.amountCents === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['percent'], message: 'give exactly one of percent or amountCents' });
    }
  }) satisfies z.ZodType<quote.DepositInput>;

export const FinalInvoiceInput = z.object(invoiceDates).strict() satisfies z.ZodType<quote.FinalInvoiceInput>;

export const CreditNoteInput = z
  .object({
    amountCents: positiveCents.optional(),
    reason: z.string().trim().min(1).max(500),
    issueDate: documentDate.optional(),
  })
  .strict() satisfies z.ZodType<invoice.CreditNoteInput>;
