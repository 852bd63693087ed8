import { makeMarkAllNotificationsRead } from '../../shared/app/notifications/notifications.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { notificationsRoutes as routes } from '../../shared/http/routes/notifications.js';
import { wiring } from '../../shared/wiring.js';

import { notificationStore } from '../../shared/wiring-notification-store.js';
const markAllRead = makeMarkAllNotificationsRead({ notifications: notificationStore(), clock: wiring.clock });
export const handler = httpHandler(routes.readAllNotifications, async ({ tenantId }) => ok(await markAllRead(tenantId)));
