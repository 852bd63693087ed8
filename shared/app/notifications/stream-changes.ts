/**
 * Which table changes the owner-notifications consumer acts on. Pure: the notify-owner handler
 * maps stream records through it.
 */
import type { ChangedItem } from '../changed-item.js';
import { notificationFacts, type NotificationDetail, type NotificationKind } from '../../domain/notification.js';

export type NotificationChangeTarget =
  /** A timeline event that notifies the owner; `eventId` is the event's ULID (the notification's id). */
  | { readonly kind: 'notify'; readonly tenantId: string; readonly invoiceId: string; readonly eventId: string; readonly notification: { kind: NotificationKind; at: string; detail?: NotificationDetail } }
  /** A payment added or removed: the day's payment log follows it. */
  | { readonly kind: 'payment'; readonly tenantId: string; readonly invoiceId: string; readonly paymentId: string }
  /** The tenant's settings: its daily-overview schedule follows them. */
  | { readonly kind: 'settings'; readonly tenantId: string };

export const notificationChangeTarget = (
  item: ChangedItem | undefined,
  eventName: string | undefined,
  newImage?: Record<string, unknown>,
): NotificationChangeTarget | undefined => {
  if (item?.kind === 'settings') return eventName !== 'REMOVE' ? { kind: 'settings', tenantId: item.tenantId } : undefined;
  if (item?.kind === 'payment') return { kind: 'payment', tenantId: item.tenantId, invoiceId: item.invoiceId, paymentId: item.paymentId };
  // Timeline events are written once and never changed: only their insertion is news.
  if (item?.kind !== 'invoice-event' || eventName !== 'INSERT' || typeof newImage?.type !== 'string' || typeof newImage.at !== 'string') return undefined;
  const notification = notificationFacts({ type: newImage.type, at: newImage.at, data: newImage.data as Record<string, unknown> | undefined });
  const { tenantId, invoiceId, eventId } = item;
  return notification && eventId ? { kind: 'notify', tenantId, invoiceId, eventId, notification } : undefined;
};
