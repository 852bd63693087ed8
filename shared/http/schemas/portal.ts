import { InstalmentView, PlanRequestView } from './payment-plans.js';
/**
 * The public client portal (`/portal/{token}`) and the owner's pause / dispute / link routes.
 * Validation only: the view's type is the use case's (shared/app/portal/portal-view.ts).
 */
import * as z from 'zod';
import { businessDate, instant } from './common.js';
import { Invoice } from './invoices.js';
import { CompanyIdentity } from './settings.js';

/** The token of a link: any string reaches the use case, which answers one 404 for every bad one. */
export const portalParams = z.object({ token: z.string().min(1).max(512) });

const reason = z.string().trim().min(1, { message: 'must say why' }).max(2000);

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
      promisedFor: businessDate.optional(),
      paidClaim: z.object({ date: businessDate, reference: z.string().optional() }).optional(),
    }),
    /** The running payment plan ("rappel de l'échéancier"). */
    paymentPlan: z.object({ instalments: z.array(InstalmentView), waivePenalties: z.boolean() }).optional(),
    /** The plan the client last asked for, and the seller's answer. */
    planRequest: PlanRequestView.omit({ note: true }).optional(),
    actions: z.object({ claimPaid: z.boolean(), promise: z.boolean(), dispute: z.boolean(), latestPromiseDate: businessDate, planRequest: z.boolean() }),
  });

export const PortalPaidInput = z.object({ date: businessDate, reference: z.string().trim().min(1).max(140).optional() }).strict();
export const PortalPromiseInput = z.object({ date: businessDate }).strict();
export const PortalDisputeInput = z.object({ reason }).strict();

/** Owner side. */
export const PauseInput = z.object({ until: businessDate.optional(), reason }).strict();
export const DisputeInput = z.object({ reason }).strict();
export const PortalLinkView = z.object({ url: z.string(), issuedAt: instant });
export const PortalActionResult = z.object({ remindersPaused: z.boolean(), pausedUntil: businessDate.optional(), disputed: z.boolean() });
