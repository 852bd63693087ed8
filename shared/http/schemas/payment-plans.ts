import * as z from 'zod';
import { MAX_INSTALMENTS } from '../../domain/payment-plan.js';
import { businessDate, positiveCents } from './common.js';

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
