import { makeUpdateClient } from '../../shared/app/clients.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { clientsRoutes as routes } from '../../shared/http/routes/clients.js';
import { publicClient } from '../../shared/http/schemas/clients.js';
import { wiring } from '../../shared/wiring.js';

const updateClient = makeUpdateClient({ clients: wiring.clients(), scenarios: wiring.scenarios(), templates: wiring.templates(), clock: wiring.clock });
export const handler = httpHandler(routes.updateClient, async ({ tenantId, params, body }) =>
  ok(publicClient(await updateClient(tenantId, params.id, body))),
);
