/** Routes of notifications (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import { idParams } from '../schemas/common.js';
import { NotificationListQuery, OverviewQuery } from '../schemas/notifications.js';
import type { RouteDefinition } from '../route-definition.js';

export const notificationsRoutes = {
  listNotifications: { method: 'GET', path: '/notifications', handler: 'functions/notifications/notifications-api', auth: 'jwt', query: NotificationListQuery },
  readAllNotifications: { method: 'POST', path: '/notifications/read-all', handler: 'functions/notifications/notifications-api', auth: 'jwt' },
  readNotification: { method: 'POST', path: '/notifications/{id}/read', handler: 'functions/notifications/notifications-api', auth: 'jwt', params: idParams },
  overview: { method: 'GET', path: '/overview', handler: 'functions/notifications/notifications-api', auth: 'jwt', query: OverviewQuery },
} as const satisfies Record<string, RouteDefinition>;
