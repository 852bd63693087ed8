import * as z from 'zod';
import { MAX_INSTALMENTS } from '../../domain/payment-plan.js';
import { businessDate, instant, positiveCents } from './common.js';

/** Validation only: the rules (sum = balance, ascending, from today) are the domain's (shared/domain/payment-plan.ts), answered 422. */
export const InstalmentInput = z.object({ dueDate: businessDate, amountCents: positiveCents }).strict();

const instalments = z.array(InstalmentInput).min(1, { message: 'needs at least one instalment' }).max(MAX_INSTALMENTS, { message: `at most ${MAX_INSTALMENTS} instalments` });

export const PaymentPlanInput = z
  .object({
    instalments,
    note: z.string().trim().max(1000).optional(),
    /** The owner waives late penalties and the €40 indemnity while the plan is kept (recorded on the plan and the timeline). */
    waivePenalties: z.boolean().optional(),
  })
  .strict();

export const PlanRequestInput = z.object({ instalments, note: z.string().trim().max(1000).optional() }).strict();
export const AcceptPlanRequestInput = z.object({ waivePenalties: z.boolean().optional() }).strict();
export const DeclinePlanRequestInput = z.object({ reason: z.string().trim().min(1).max(1000).optional() }).strict();

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
  endReason: z.enum(['paid', 'missed', 'deleted', 'cancelled']).optional(),
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
