/**
 * The stream side of owner notifications (issue 10 §5): a timeline event that notifies becomes a
 * notification item and, unless switched off, one email to the owner. Idempotent under repeated
 * and reordered stream records: the notification's id is its event's, it is created once, and the
 * email goes out only while the item still says `pending`.
 */
import { emailTexts, date as formatDate } from '../../../templates/email/index.js';
import { ownerEmailOf, type Notification } from '../../domain/notification.js';
import type { ClientRepository, Clock, InvoiceRepository, Mailer, NotificationRepository, PaymentLog, SettingsRepository } from '../ports.js';
import type { NotificationChangeTarget } from './stream-changes.js';

export interface NotifyOwnerDeps {
  readonly notifications: NotificationRepository;
  readonly paymentLog: PaymentLog;
  readonly invoices: InvoiceRepository;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly mailer: Mailer;
  readonly clock: Clock;
  /** The web app's address (no trailing slash): each alert links the invoice's page. */
  readonly appUrl?: string;
}

type NotifyTarget = Extract<NotificationChangeTarget, { kind: 'notify' }>;
type PaymentTarget = Extract<NotificationChangeTarget, { kind: 'payment' }>;

const invoiceParties = async (deps: Pick<NotifyOwnerDeps, 'invoices' | 'clients'>, tenantId: string, invoiceId: string) => {
  const invoice = await deps.invoices.get(tenantId, invoiceId);
  if (!invoice) return undefined;
  const clientName = invoice.issued?.client.name ?? (await deps.clients.get(tenantId, invoice.clientId))?.name ?? '';
  return { invoice, clientName };
};

export const makeNotifyOwner = (deps: NotifyOwnerDeps) =>
  async (target: NotifyTarget): Promise<'created' | 'emailed' | 'exists' | 'ignored'> => {
    const { tenantId, invoiceId, eventId } = target;
    const parties = await invoiceParties(deps, tenantId, invoiceId);
    if (!parties) return 'ignored';
    const { notification, created } = await deps.notifications.create({
      id: eventId,
      tenantId,
      invoiceId,
      ...target.notification,
      ...(parties.invoice.number ? { invoiceNumber: parties.invoice.number } : {}),
      clientName: parties.clientName,
      clientId: parties.invoice.clientId,
      read: false,
      email: 'pending',
    });
    if (notification.email !== 'pending') return 'exists';
    const settings = await deps.settings.get(tenantId);
    const to = ownerEmailOf(settings);
    if (!settings.notifications.immediate || !to) {
      await deps.notifications.setEmail(tenantId, notification.id, 'off');
      return created ? 'created' : 'exists';
    }
    const text = emailTexts(settings.language).ownerNotification({
      ...describe(notification, settings.language),
      ...(deps.appUrl ? { link: `${deps.appUrl}/invoices/${invoiceId}` } : {}),
    });
    try {
      // No invoice tag: a bounce of this email must not come back as a notification about the invoice.
      await deps.mailer.send({ to: [to], subject: text.subject, text: text.text, tags: { tenant: tenantId, kind: 'owner-notification' } });
    } catch {
      // The notification stays listed; a failed email must not hold the stream back for a day.
      await deps.notifications.setEmail(tenantId, notification.id, 'failed');
      return 'created';
    }
    await deps.notifications.setEmail(tenantId, notification.id, 'sent');
    return 'emailed';
  };

/** The values an owner email is filled with, formatted for the owner's language. */
export const describe = (n: Notification, language: 'fr' | 'en') => {
  const detail = n.detail ?? {};
  const text = (key: string) => (typeof detail[key] === 'string' ? (detail[key] as string) : undefined);
  const day = text('date');
  return {
    kind: n.kind,
    invoice: n.invoiceNumber ?? n.invoiceId,
    clientName: n.clientName,
    ...(day ? { date: formatDate(day, language) } : {}),
    ...(text('reason') ? { reason: text('reason') } : {}),
    ...(text('reference') ? { reference: text('reference') } : {}),
    ...(text('recipients') ? { recipients: text('recipients') } : {}),
    ...(text('note') ? { note: text('note') } : {}),
    ...(text('creditNote') ? { creditNote: text('creditNote') } : {}),
    ...(text('cause') === 'sms_opted_out' ? { cause: 'sms_opted_out' as const } : {}),
    ...(text('held') === 'litigation' || text('held') === 'disputed' || text('held') === 'paused' ? { held: text('held') as 'litigation' | 'disputed' | 'paused' } : {}),
    ...(text('held') === 'paused' && text('until') ? { until: formatDate(text('until')!, language) } : {}),
    ...(typeof detail.instalments === 'number' ? { instalments: detail.instalments } : {}),
  };
};

/**
 * Files a payment under its date for the daily overview, or takes it out once removed. Reads the
 * payment as it is now, so a late or repeated stream record cannot bring back a removed one.
 */
export const makeSyncPaymentLog = (deps: Pick<NotifyOwnerDeps, 'paymentLog' | 'invoices' | 'clients'>) =>
  async (target: PaymentTarget): Promise<void> => {
    const { tenantId, invoiceId, paymentId } = target;
    const payment = (await deps.invoices.payments(tenantId, invoiceId)).find((p) => p.id === paymentId);
    if (!payment) return;
    const key = { date: payment.date, invoiceId, paymentId };
    if (payment.removedAt) return deps.paymentLog.remove(tenantId, key);
    const parties = await invoiceParties(deps, tenantId, invoiceId);
    if (!parties) return;
    await deps.paymentLog.put(tenantId, {
      ...key,
      ...(parties.invoice.number ? { invoiceNumber: parties.invoice.number } : {}),
      clientName: parties.clientName,
      amountCents: payment.amountCents,
      method: payment.method,
    });
  };

