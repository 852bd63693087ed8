import { makeGetCockpit } from '../../shared/app/aggregates/cockpit.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { cockpitRoutes as routes } from '../../shared/http/routes/cockpit.js';
import { wiring } from '../../shared/wiring.js';
import { aggregates } from '../../shared/wiring-aggregates.js';

const getCockpit = makeGetCockpit({ aggregates: aggregates(), clients: wiring.clients(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.cockpit, async ({ tenantId, query }) => ok(await getCockpit(tenantId, query)));
