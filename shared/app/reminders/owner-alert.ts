import type { Mailer, InvoiceRepository } from '../ports.js';
import type { ReminderContext } from './reminder-context.js';
import { emailTexts } from '../../../templates/email/index.js';

export type OwnerAlertReason = 'send_failed' | 'unknown_outcome';

/**
 * Tells the owner that a reminder needs a person: a timeline event (shown with the invoice) and
 * an email to the company address when there is one. Never throws: the alert must not undo
 * the state it reports.
 */
export const alertOwner = async (
  deps: { readonly mailer: Mailer; readonly invoices: InvoiceRepository },
  ctx: ReminderContext,
  reason: OwnerAlertReason,
  stepId: string,
  now: Date,
): Promise<void> => {
  const { invoice, settings } = ctx;
  const label = invoice.number ?? invoice.id;
  const text = emailTexts(settings.language).ownerAlert({ reason, invoice: label, clientName: ctx.client.name, stepId });
  let emailed = false;
  if (settings.company.email) {
    try {
      await deps.mailer.send({
        to: [settings.company.email],
        subject: text.subject,
        text: text.text,
        tags: { tenant: invoice.tenantId, invoice: invoice.id, kind: 'owner-alert' },
      });
      emailed = true;
    } catch {
      // The timeline event below still records the alert.
    }
  }
  await deps.invoices.appendEvents(invoice.tenantId, invoice.id, [{ at: now.toISOString(), type: 'owner.alerted', data: { reason, stepId, emailed } }]);
};
