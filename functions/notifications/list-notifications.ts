import { makeListNotifications } from '../../shared/app/notifications/notifications.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { notificationsRoutes as routes } from '../../shared/http/routes/notifications.js';
import { wiring } from '../../shared/wiring.js';

import { notificationStore } from '../../shared/wiring-notification-store.js';
const listNotifications = makeListNotifications({ notifications: notificationStore() });
export const handler = httpHandler(routes.listNotifications, async ({ tenantId, query }) => ok(await listNotifications(tenantId, query)));
