import { makeSimulateReminders } from '../../shared/app/reminders/simulation.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { remindersRoutes as routes } from '../../shared/http/routes/reminders.js';
import { wiring } from '../../shared/wiring.js';

const simulate = makeSimulateReminders({
  invoices: wiring.invoices(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  scenarios: wiring.scenarios(),
  steps: wiring.steps(),
  templates: wiring.templates(),
  clock: wiring.clock,
});
export const handler = httpHandler(routes.simulation, async ({ tenantId, query }) => ok(await simulate(tenantId, query)));
