import type { InvoiceRecords } from '../ports.js';
import type { SendContext } from './reminder-context.js';

export type OwnerAlertReason = 'send_failed' | 'unknown_outcome';

/**
 * Tells the owner that a reminder needs a person: a timeline event, which the owner-notifications
 * consumer turns into a notification and one email (shared/app/notifications/notify-owner.ts),
 * so the owner is never emailed twice for it.
 */
export const alertOwner = async (
  deps: { readonly invoices: Pick<InvoiceRecords, 'appendEvents'> },
  ctx: SendContext,
  reason: OwnerAlertReason,
  stepId: string,
  now: Date,
  /** Why, when the owner's email should say it (`sms_opted_out`: the client replied STOP, no retry was made). */
  cause?: 'sms_opted_out',
): Promise<void> => {
  await deps.invoices.appendEvents(ctx.invoice.tenantId, ctx.invoice.id, [{ at: now.toISOString(), type: 'owner.alerted', data: { reason, stepId, ...(cause ? { cause } : {}) } }]);
};
