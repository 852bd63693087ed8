import { makeDailyOverview } from '../../shared/app/notifications/daily-overview.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';
import { wiring } from '../../shared/wiring.js';

const overview = makeDailyOverview({
  invoices: wiring.invoices(), clients: wiring.clients(), steps: wiring.steps(), settings: wiring.settings(),
  notifications: wiring.notifications(), paymentLog: wiring.notifications(), clock: wiring.clock,
});
export const handler = httpHandler(routes.overview, async ({ tenantId, query }) => ok(await overview(tenantId, query.date)));
