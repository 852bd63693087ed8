import { makeListNotifications } from '../../shared/app/notifications/notifications.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';
import { wiring } from '../../shared/wiring.js';

const listNotifications = makeListNotifications({ notifications: wiring.notifications() });
export const handler = httpHandler(routes.listNotifications, async ({ tenantId, query }) => ok(await listNotifications(tenantId, query)));
