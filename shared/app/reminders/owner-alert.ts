import type { Mailer, InvoiceRepository } from '../ports.js';
import type { ReminderContext } from './reminder-context.js';

export type OwnerAlertReason = 'send_failed' | 'unknown_outcome';

const TEXT: Record<OwnerAlertReason, { subject: string; body: string }> = {
  send_failed: {
    subject: 'Relance non envoyée',
    body: "La relance n'a pas pu être envoyée après plusieurs tentatives sur 24 heures. Vous pouvez l'envoyer à la main depuis la facture.",
  },
  unknown_outcome: {
    subject: 'Relance peut-être non envoyée',
    body: "L'envoi de la relance a été interrompu : elle est peut-être partie, peut-être pas. Elle ne sera pas renvoyée automatiquement pour éviter un doublon ; vérifiez et renvoyez-la à la main si besoin.",
  },
};

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
  const text = TEXT[reason];
  const label = invoice.number ?? invoice.id;
  let emailed = false;
  if (settings.company.email) {
    try {
      await deps.mailer.send({
        to: [settings.company.email],
        subject: `[Relances] ${text.subject} — facture ${label}`,
        text: `${text.body}\n\nFacture ${label}, client ${ctx.client.name}, étape ${stepId}.`,
        tags: { tenant: invoice.tenantId, invoice: invoice.id, kind: 'owner-alert' },
      });
      emailed = true;
    } catch {
      // The timeline event below still records the alert.
    }
  }
  await deps.invoices.appendEvents(invoice.tenantId, invoice.id, [{ at: now.toISOString(), type: 'owner.alerted', data: { reason, stepId, emailed } }]);
};
