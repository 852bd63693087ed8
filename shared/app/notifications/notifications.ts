/** The owner's side of notifications: list them, mark one or all read. */
import type { Notification } from '../../domain/notification.js';
import { NotFoundError } from '../errors.js';
import type { Clock, NotificationRepository, Page, PageRequest } from '../ports.js';

/** What the API shows of a notification (the tenant and the email bookkeeping stay inside). */
export type NotificationView = Omit<Notification, 'tenantId' | 'email'>;
export const notificationView = ({ tenantId: _t, email: _e, ...view }: Notification): NotificationView => {
  void _t;
  void _e;
  return view;
};

export const makeListNotifications = ({ notifications }: { notifications: NotificationRepository }) =>
  async (tenantId: string, query: PageRequest & { unread?: boolean }): Promise<Page<NotificationView>> => {
    const page = await notifications.list(tenantId, { unread: query.unread ?? false }, query);
    return { ...page, items: page.items.map(notificationView) };
  };

export const makeMarkNotificationRead = ({ notifications, clock }: { notifications: NotificationRepository; clock: Clock }) =>
  async (tenantId: string, id: string): Promise<NotificationView> => {
    const read = await notifications.markRead(tenantId, id, clock.now().toISOString());
    if (!read) throw new NotFoundError('Notification');
    return notificationView(read);
  };

/** At most this many per call: the answer says how many were marked and whether some are left. */
export const READ_ALL_LIMIT = 500;

export const makeMarkAllNotificationsRead = ({ notifications, clock }: { notifications: NotificationRepository; clock: Clock }) =>
  async (tenantId: string): Promise<{ marked: number; remaining: boolean }> => {
    const at = clock.now().toISOString();
    let marked = 0;
    let cursor: string | undefined;
    do {
      // Each marked one leaves the unread index: read again from its start rather than page past it.
      const page = await notifications.list(tenantId, { unread: true }, { limit: 100 });
      if (page.items.length === 0) return { marked, remaining: false };
      for (const n of page.items) if (await notifications.markRead(tenantId, n.id, at)) marked++;
      cursor = page.nextCursor;
    } while (cursor && marked < READ_ALL_LIMIT);
    return { marked, remaining: cursor !== undefined };
  };
