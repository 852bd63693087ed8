/**
 * `letter` steps (issue 10 §2): when the step fires, the mise en demeure is produced, not mailed
 * by us: its data is recorded on the step with the PDF's SHA-256 (the evidence DOMAIN.md asks
 * for) and the step waits `to_post` until the owner says it went by registered post.
 */
import { createHash } from 'node:crypto';
import { localDate } from '../../domain/dates.js';
import { SEND_LEASE_MS } from '../../domain/reminder-steps.js';
import type { ClientGapClaim, StepRecordItem } from '../ports/reminder-steps.js';
import { letterDataFor } from './compose-reminder.js';
import type { SendContext } from './reminder-context.js';
import type { ReminderOutcome, SendReminderDeps } from './send-reminder.js';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Renders the letter first (a payment recorded meanwhile still wins: the claim re-checks the
 * invoice), then one transaction claims the step, the invoice's day and the client's gap exactly
 * as an email would, and the step goes `sending → to_post` with what the letter says.
 */
export const produceLetter = async (
  deps: Pick<SendReminderDeps, 'steps' | 'invoices' | 'pdf'>,
  ctx: SendContext,
  record: StepRecordItem,
  now: Date,
  gap: ClientGapClaim,
): Promise<ReminderOutcome | 'invoice_changed'> => {
  const { invoice, client, settings } = ctx;
  const letter = letterDataFor({ invoice, client, settings, asOf: now });
  const letterSha256 = sha256Hex(await deps.pdf.letter(letter));
  const at = now.toISOString();
  const today = localDate(now, settings.timezone);
  const claim = await deps.steps.claimSend(
    invoice.tenantId,
    invoice.id,
    { ref: record, expectedScheduledAt: record.scheduledAt!, leaseUntil: new Date(now.getTime() + SEND_LEASE_MS).toISOString(), at },
    { paidCents: invoice.paidCents, creditedCents: invoice.creditedCents, today, at },
    gap,
  );
  if (!claim.ok) return 'invoice_changed';
  if (!(await deps.steps.recordToPost(invoice.tenantId, invoice.id, record, { at, letter, letterSha256, dueDate: invoice.dueDate }))) {
    throw new Error('the letter step left `sending` while its letter was recorded');
  }
  await deps.invoices.appendEvents(invoice.tenantId, invoice.id, [{ at, type: 'reminder.to_post', data: { stepId: record.stepId, plan: record.plan, letterSha256 } }]);
  return { outcome: 'to_post', letterSha256, stepId: record.stepId };
};
