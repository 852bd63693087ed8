/** The response schemas of portal.ts (for /openapi.json only: the API functions never build them). */
import { InstalmentView, PlanRequestView } from './payment-plans-views.js';
import * as z from 'zod';
import { businessDate, instant } from './common.js';
import { Invoice } from './invoices-views.js';
import { CompanyIdentity } from './settings.js';

export const PortalView = z
  .object({
    language: z.enum(['fr', 'en']),
    seller: CompanyIdentity.omit({ iban: true, bic: true }),
    client: z.object({ name: z.string() }),
    invoice: Invoice.pick({ number: true, issueDate: true, dueDate: true, currency: true, kind: true, lines: true, totals: true, paidCents: true, creditedCents: true, deductedCents: true, balanceCents: true, status: true, overdue: true, daysLate: true }).extend({ number: z.string() }),
    payments: z.array(z.object({ date: businessDate, amountCents: z.number().int(), method: z.string() })),
    payment: z.object({
      reference: z.string().meta({ description: 'Transfer reference: the invoice number' }),
      paymentUrl: z.string().optional().meta({ description: 'Online payment page (settings paymentUrl with the number and balance filled in)' }),
      iban: z.string().optional(),
      bic: z.string().optional(),
      epcQr: z
        .object({ payload: z.string().meta({ description: 'EPC069-12 payload (BCD / 002 / 1 / SCT / BIC / name / IBAN / EURx.yy / / / number)' }), svg: z.string().meta({ description: 'The QR code as an SVG document' }) })
        .optional(),
    }),
    reminders: z.object({
      paused: z.boolean(),
      pausedUntil: businessDate.optional(),
      disputed: z.boolean(),
      disputedByClient: z.boolean().optional().meta({ description: 'The client raised the dispute from the portal (else the seller recorded it)' }),
      promisedFor: businessDate.optional(),
      paidClaim: z.object({ date: businessDate, reference: z.string().optional() }).optional(),
    }),
    /** The running payment plan ("rappel de l'échéancier"). */
    paymentPlan: z.object({ instalments: z.array(InstalmentView), waivePenalties: z.boolean() }).optional(),
    /** The plan the client last asked for, and the seller's answer. */
    planRequest: PlanRequestView.omit({ note: true }).optional(),
    actions: z.object({ claimPaid: z.boolean(), promise: z.boolean(), dispute: z.boolean(), latestPromiseDate: businessDate, planRequest: z.boolean() }),
  });
export const PortalLinkView = z.object({ url: z.string(), issuedAt: instant });
export const PortalActionResult = z.object({ remindersPaused: z.boolean(), pausedUntil: businessDate.optional(), disputed: z.boolean() });
