import { makeScenarioLibrary } from '../../shared/app/reminders/scenarios.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { scenariosRoutes as routes } from '../../shared/http/routes/scenarios.js';
import { wiring } from '../../shared/wiring.js';

const scenarios = makeScenarioLibrary({ scenarios: wiring.scenarios(), templates: wiring.templates(), settings: wiring.settings(), clients: wiring.clients(), ids: wiring.ids });
export const handler = httpHandler(routes.getScenario, async ({ tenantId, params }) => ok(await scenarios.get(tenantId, params.id)));
