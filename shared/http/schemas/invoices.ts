
import * as z from 'zod';
import { INVOICE_STATUSES, invoiceTotals, lineTotals } from '../../domain/invoice.js';
import type * as domain from '../../domain/invoice-types.js';
import { MAX_AMOUNT_CENTS, MAX_QUANTITY } from '../../domain/money.js';
import { VAT_EXEMPTIONS } from '../../domain/vat-exemption.js';
import { LIMIT_EXCEEDED } from '../problem.js';
import { businessDate, CEILING_MESSAGE, documentDate, cents, id, listCursor, orderedRanges, positiveCents, queryDays, searchQuery, vatRate } from './common.js';


const MAX_LINES = 200;

/** Validation and conversion only: the types are the domain's (shared/domain/invoice-types.ts). */
export type InvoiceInput = domain.InvoiceInput;
export type InvoicePatch = domain.InvoicePatch;
export type PaymentInput = domain.PaymentInput;
export type InvoiceListQuery = domain.InvoiceListQuery;
export type InvoiceView = domain.InvoiceView;

export const InvoiceLineInput = z
  .object({
    description: z.string().trim().min(1).max(500),
    quantity: z
      .number()
      .refine((q) => q <= MAX_QUANTITY, { message: `must be at most ${MAX_QUANTITY}`, params: LIMIT_EXCEEDED, abort: true })
      .positive()
      .refine((q) => Number.isInteger(Math.round(q * 1000)) && Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, {
        message: 'must have at most 3 decimals',
      })
      .meta({ maximum: MAX_QUANTITY, description: `at most 3 decimals, at most ${MAX_QUANTITY}` }),
    unitPriceCents: cents,
    vatRate,
  })
  .strict()
  .superRefine((line, ctx) => {
    if (lineTotals(line).grossCents > MAX_AMOUNT_CENTS) {
      ctx.addIssue({ code: 'custom', message: `line total (VAT included) ${CEILING_MESSAGE}`, params: LIMIT_EXCEEDED });
    }
  });

/** Lines of a quote or invoice: each line total and the document total stay under the ceiling. */
export const documentLines = z
  .array(InvoiceLineInput)
  .min(1)
  .max(MAX_LINES)
  .superRefine((lines, ctx) => {
    if (invoiceTotals(lines).grossCents > MAX_AMOUNT_CENTS) {
      ctx.addIssue({ code: 'custom', message: `document total (VAT included) ${CEILING_MESSAGE}`, params: LIMIT_EXCEEDED });
    }
  });

/** A service period ends on or after its first day, which it needs. */
const servicePeriodIssues = (start: string | null | undefined, end: string | null | undefined, ctx: z.RefinementCtx): void => {
  if (end == null) return;
  if (start == null) ctx.addIssue({ code: 'custom', path: ['serviceEndDate'], message: 'needs serviceDate, the first day of the service' });
  else if (end < start) ctx.addIssue({ code: 'custom', path: ['serviceEndDate'], message: 'must not be before serviceDate' });
};

export const InvoiceInput = z
  .object({
    clientId: id,
    issueDate: documentDate,
    dueDate: documentDate.optional(),
    paymentTermsDays: z.number().int().min(0).max(60).optional(),
    lines: documentLines,
    notes: z.string().max(2000).optional(),
    /** The date of the sale or service when it differs from the invoice date (CGI 242 nonies A), or a job's first day. */
    serviceDate: documentDate.optional(),
    /** A job done over several days: its last day (with `serviceDate`). */
    serviceEndDate: documentDate.optional(),
    /** Why the invoice charges no VAT: its PDF carries the legal mention (every line then at 0 %). */
    vatExemption: z.enum(VAT_EXEMPTIONS).optional(),
    currency: z.literal('EUR').default('EUR'),
  })
  .strict()
  .superRefine((v, ctx) => {
    servicePeriodIssues(v.serviceDate, v.serviceEndDate, ctx);
    if (v.dueDate === undefined && v.paymentTermsDays === undefined) {
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'dueDate or paymentTermsDays is required' });
    }
    if (v.dueDate !== undefined && v.dueDate < v.issueDate) {
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'must not be before issueDate' });
    }
  }) satisfies z.ZodType<domain.InvoiceInput>;

export const InvoicePatch = z
  .object({
    issueDate: documentDate,
    dueDate: documentDate,
    lines: documentLines,
    notes: z.string().max(2000).nullable(),
    serviceDate: documentDate.nullable(),
    serviceEndDate: documentDate.nullable(),
    vatExemption: z.enum(VAT_EXEMPTIONS).nullable(),
    remindersPaused: z.boolean(),
    disputed: z.boolean(),
  })
  .partial()
  .strict()
  .superRefine((v, ctx) => {
    if (v.serviceDate !== undefined && v.serviceEndDate !== undefined) servicePeriodIssues(v.serviceDate, v.serviceEndDate, ctx);
  }) satisfies z.ZodType<domain.InvoicePatch>;

/** Cancelling an issued invoice issues a credit note, which must say why; a draft is voided without one. */
export const CancelInvoiceInput = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict() satisfies z.ZodType<domain.CancelInvoiceInput>;

export const PaymentInput = z
  .object({
    amountCents: positiveCents,
    date: documentDate,
    method: z.enum(['transfer', 'card', 'cheque', 'cash', 'direct_debit', 'other']).default('transfer'),
    reference: z.string().max(200).optional(),
  })
  .strict() satisfies z.ZodType<domain.PaymentInput>;

const invoiceListFields = z.object({
  status: z.enum([...INVOICE_STATUSES, 'overdue']).optional(),
  clientId: id.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  reminded: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  minDaysLate: queryDays.optional(),
  maxDaysLate: queryDays.optional(),
  dueFrom: businessDate.optional(),
  dueTo: businessDate.optional(),
  dueWithinDays: queryDays.optional(),
  // Awaiting payment (sent or partially paid), whatever the due date: `open=true&reminded=false`.
  open: z.enum(['true']).transform(() => true).optional(),
  q: searchQuery.optional(),
  sort: z.enum(['dueDate', '-dueDate', 'amount', 'daysLate', 'client', 'lastReminder']).default('dueDate'),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: listCursor.optional(),
});
export const InvoiceListQuery = invoiceListFields.superRefine(orderedRanges) satisfies z.ZodType<domain.InvoiceListQuery>;

/** The list's filters and sort, without paging: the export reads every page. */
export const InvoiceExportQuery = invoiceListFields
  .omit({ limit: true, cursor: true })
  .extend({
    lang: z
      .enum(['fr', 'en'], { error: 'must be fr or en' })
      .optional()
      .meta({ description: "The file's language: fr (`;`, decimal comma, JJ/MM/AAAA, French headers and statuses) or en (`,`, decimal point, ISO dates, English headers and statuses); default: the tenant's language (settings), else fr" }),
  })
  .superRefine(orderedRanges);

/** POST /invoices/{id}/litigation: why, optionally (kept on the timeline). */
export const LitigationInput = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict();

/** POST /invoices/{id}/write-off: why the debt is irrecoverable, and the evidence kept (judgment, liquidator's certificate). */
export const WriteOffInput = z
  .object({
    reason: z.string().trim().min(1).max(500),
    evidence: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

/** GET /invoices/{id}/proof.pdf: the file's language (the owner's document); absent, the tenant's own language. */
export const ProofQuery = z.object({
  lang: z.enum(['fr', 'en'], { error: 'must be fr or en' }).optional().meta({ description: "The file's language; default: the tenant's language (settings), else fr" }),
});
