/** The response schemas of invoices.ts (for /openapi.json only: the API functions never build them). */
import { PaymentPlanSummary, PlanRequestView } from './payment-plans-views.js';
import * as z from 'zod';
import { INVOICE_STATUSES } from '../../domain/invoice.js';
import { VAT_EXEMPTIONS } from '../../domain/vat-exemption.js';
import { businessDate, email, id, instant } from './common.js';
import { Client } from './clients-views.js';
import { CompanyIdentity } from './settings.js';
import { InvoiceLineInput } from './invoices.js';

export const Payment = z.object({
  id,
  invoiceId: id,
  amountCents: z.number().int(),
  date: businessDate,
  method: z.string(),
  reference: z.string().optional(),
  createdAt: instant,
  removedAt: instant.optional(),
});
export const totals = z.object({ netCents: z.number().int(), vatCents: z.number().int(), grossCents: z.number().int() });
export const Invoice = z.object({
  id,
  clientId: id,
  number: z.string().optional(),
  issueDate: businessDate,
  dueDate: businessDate,
  lines: z.array(InvoiceLineInput),
  notes: z.string().optional(),
  /** The date of the sale or service, or the first day of a job with `serviceEndDate` its last (printed on the invoice). */
  serviceDate: businessDate.optional(),
  serviceEndDate: businessDate.optional(),
  /** Why it charges no VAT (its PDF's legal mention). */
  vatExemption: z.enum(VAT_EXEMPTIONS).optional(),
  currency: z.literal('EUR'),
  totals: totals.extend({
    vatBreakdown: z.array(z.object({ vatRate: z.number(), netCents: z.number().int(), vatCents: z.number().int() })),
  }),
  kind: z.enum(['deposit', 'final']).optional(),
  quoteId: id.optional(),
  quoteNumber: z.string().optional(),
  deductions: z
    .array(
      z.object({
        invoiceId: id, number: z.string(), issueDate: businessDate, netCents: z.number().int(), vatCents: z.number().int(), grossCents: z.number().int(),
        /** The deposit's rows per VAT rate, net of its credit notes (absent on final invoices made before they were kept). */
        vatBreakdown: z.array(z.object({ vatRate: z.number(), netCents: z.number().int(), vatCents: z.number().int() })).optional(),
      }),
    )
    .optional(),
  deductedCents: z.number().int().optional(),
  /** Seller and client as they were when the invoice was numbered; its PDFs show these forever. */
  issued: z
    .object({
      seller: CompanyIdentity,
      client: Client.pick({ name: true, kind: true, email: true, address: true, siren: true, vatNumber: true, language: true }),
      penaltyRatePercent: z.number(),
      /** The settings' contract rate when it was issued (`null`: none, the legal rate): what reminders and letters claim on it. */
      contractRatePercent: z.number().nullable().optional(),
    })
    .optional(),
  paidCents: z.number().int(),
  creditedCents: z.number().int(),
  balanceCents: z.number().int(),
  status: z.enum(INVOICE_STATUSES),
  overdue: z.boolean(),
  daysLate: z.number().int(),
  remindersPaused: z.boolean(),
  disputed: z.boolean(),
  /** Paused reminders resume by themselves on this date. */
  pausedUntil: businessDate.optional(),
  pauseReason: z.string().optional(),
  disputeReason: z.string().optional(),
  /** The client promised (portal) to pay by this date. */
  promisedFor: businessDate.optional(),
  /** The client said it paid (portal); record the payment to confirm it. */
  paidClaim: z.object({ date: businessDate, reference: z.string().optional(), at: instant }).optional(),
  /** Portal links of this invoice are switched off (DELETE /invoices/{id}/portal-link). */
  portalDisabled: z.boolean().optional(),
  portalViewedAt: instant.optional(),
  sentAt: instant.optional(),
  emailedTo: email.optional(),
  lastReminderAt: instant.optional(),
  /** List rows only: the client's name, the last reminder sent and the next one planned. */
  clientName: z.string().optional(),
  imported: z.boolean().optional(),
  /** Imported invoices: credit notes issued before the import (`Avoirs`), part of `creditedCents`; no credit note of ours. */
  importedCreditedCents: z.number().int().optional(),
  /** The latest payment plan (échéancier), running or ended; details at GET /invoices/{id}/payment-plan. */
  paymentPlan: PaymentPlanSummary.optional(),
  /** A plan the client asked for from the portal. */
  planRequest: PlanRequestView.optional(),
  lastReminder: z.object({ at: instant, templateId: z.string() }).optional(),
  nextStep: z.object({ at: instant, templateId: z.string() }).optional(),
  createdAt: instant,
  updatedAt: instant,
});
export const TimelineEvent = z.object({
  at: instant,
  type: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});
