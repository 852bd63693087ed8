import { handler as listNotifications } from './list-notifications.js';
import { handler as readNotification } from './read-notification.js';
import { handler as readAllNotifications } from './read-all-notifications.js';
import { handler as getOverview } from './get-overview.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the notification and overview routes (reads and read flags): one function, a thin handler per route (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(listNotifications, readNotification, readAllNotifications, getOverview);
