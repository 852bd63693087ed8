import { makeDailyOverview } from '../../shared/app/notifications/daily-overview.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { notificationsRoutes as routes } from '../../shared/http/routes/notifications.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
import { reminderReadDeps } from '../../shared/wiring-reminders.js';

import { notificationStore } from '../../shared/wiring-notification-store.js';
const overview = makeDailyOverview({
  invoices: invoiceRepository(), clients: wiring.clients(), steps: wiring.steps(), settings: wiring.settings(),
  notifications: notificationStore(), paymentLog: notificationStore(), clock: wiring.clock,
  simulation: { ...reminderReadDeps(), templates: wiring.templates() },
});
export const handler = httpHandler(routes.overview, async ({ tenantId, query }) => ok(await overview(tenantId, query.date)));
