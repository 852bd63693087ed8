/** The response schemas of payment-plans.ts (for /openapi.json only: the API functions never build them). */
import * as z from 'zod';
import { businessDate, instant } from './common.js';
import { InstalmentInput } from './payment-plans.js';

export const InstalmentView = z.object({
  dueDate: businessDate,
  amountCents: z.number().int(),
  /** Allocated from what was paid since the plan began, oldest instalment first. */
  paidCents: z.number().int(),
  dueCents: z.number().int(),
  status: z.enum(['pending', 'paid', 'late']),
});
export const PlanRequestView = z.object({
  instalments: z.array(InstalmentInput),
  requestedAt: instant,
  note: z.string().optional(),
  status: z.enum(['pending', 'accepted', 'declined']),
  decidedAt: instant.optional(),
  declineReason: z.string().optional(),
});
export const PaymentPlanView = z.object({
  seq: z.number().int(),
  status: z.enum(['active', 'ended']),
  source: z.enum(['owner', 'client']),
  createdAt: instant,
  endedAt: instant.optional(),
  endReason: z.enum(['paid', 'missed', 'deleted', 'cancelled', 'written_off']).optional(),
  note: z.string().optional(),
  waivePenalties: z.boolean(),
  /** The balance the instalments added up to when the plan was made. */
  totalCents: z.number().int(),
  balanceCents: z.number().int(),
  instalments: z.array(InstalmentView),
});
export const PlanDecisionView = z.object({ request: PlanRequestView, plan: PaymentPlanView.optional(), clientNotified: z.boolean() });
/** As stored on the invoice (GET /invoices/{id}). */
export const PaymentPlanSummary = PaymentPlanView.omit({ balanceCents: true }).extend({ instalments: z.array(InstalmentInput) });
