/**
 * How what was paid on an invoice under a payment plan falls on its instalments. Apart from the plan's
 * other rules (shared/domain/payment-plan.ts) so the aggregates (the cockpit's forecast) read it
 * without the send calendar and holidays.
 */
export interface Instalment {
  readonly dueDate: string;
  readonly amountCents: number;
}

/**
 * What was paid towards the plan, spread over its instalments oldest first: each instalment is
 * filled before the next gets anything. `paidCents` is clamped to [0, total]; the result's paid
 * amounts add up to it and no amount is ever negative.
 */
export const allocate = (instalments: readonly Instalment[], paidCents: number): { paidCents: number; dueCents: number }[] => {
  let left = Math.max(0, paidCents);
  return instalments.map((inst) => {
    const paid = Math.min(inst.amountCents, left);
    left -= paid;
    return { paidCents: paid, dueCents: inst.amountCents - paid };
  });
};

/** Paid towards the plan: how much the balance went down since the plan was made (payments and credit notes). */
export const paidTowardsPlan = (plan: { readonly totalCents: number }, balanceCents: number): number =>
  Math.min(plan.totalCents, Math.max(0, plan.totalCents - balanceCents));

