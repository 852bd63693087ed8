/**
 * Which table changes the owner-notifications consumer acts on. Pure: the notify-owner handler
 * maps stream records through it.
 */
import { notificationFacts, type NotificationDetail, type NotificationKind } from '../../domain/notification.js';

export type NotificationChangeTarget =
  /** A timeline event that notifies the owner; `eventId` is the event's ULID (the notification's id). */
  | { readonly kind: 'notify'; readonly tenantId: string; readonly invoiceId: string; readonly eventId: string; readonly notification: { kind: NotificationKind; at: string; detail?: NotificationDetail } }
  /** A payment added or removed: the day's payment log follows it. */
  | { readonly kind: 'payment'; readonly tenantId: string; readonly invoiceId: string; readonly paymentId: string }
  /** The tenant's settings: its daily-overview schedule follows them. */
  | { readonly kind: 'settings'; readonly tenantId: string };

const INVOICE_PK = /^T#(.+)#INV#([^#]+)$/;
const TENANT_PK = /^T#([^#]+)$/;

export const notificationChangeTarget = (
  keys: { PK?: string; SK?: string },
  eventName: string | undefined,
  newImage?: Record<string, unknown>,
): NotificationChangeTarget | undefined => {
  const { PK = '', SK = '' } = keys;
  const tenant = TENANT_PK.exec(PK);
  if (tenant) return SK === 'SETTINGS' && eventName !== 'REMOVE' ? { kind: 'settings', tenantId: tenant[1]! } : undefined;
  const invoice = INVOICE_PK.exec(PK);
  if (!invoice) return undefined;
  const [, tenantId, invoiceId] = invoice as unknown as [string, string, string];
  if (SK.startsWith('PAYMENT#')) return { kind: 'payment', tenantId, invoiceId, paymentId: SK.slice('PAYMENT#'.length) };
  // Timeline events are written once and never changed: only their insertion is news.
  if (!SK.startsWith('EVENT#') || eventName !== 'INSERT' || typeof newImage?.type !== 'string' || typeof newImage.at !== 'string') return undefined;
  const notification = notificationFacts({ type: newImage.type, at: newImage.at, data: newImage.data as Record<string, unknown> | undefined });
  const eventId = SK.slice(SK.lastIndexOf('#') + 1);
  return notification && eventId ? { kind: 'notify', tenantId, invoiceId, eventId, notification } : undefined;
};
