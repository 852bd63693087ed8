import { makeScenarioLibrary } from '../../shared/app/reminders/scenarios.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { scenariosRoutes as routes } from '../../shared/http/routes/scenarios.js';
import { wiring } from '../../shared/wiring.js';

const scenarios = makeScenarioLibrary({ scenarios: wiring.scenarios(), templates: wiring.templates(), settings: wiring.settings(), clients: wiring.clients(), ids: wiring.ids });
export const handler = httpHandler(routes.createScenario, async ({ tenantId, body }) => created(await scenarios.create(tenantId, body)), wiring);
