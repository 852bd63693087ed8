import { makeGetClient } from '../../shared/app/clients.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { clientsRoutes as routes } from '../../shared/http/routes/clients.js';
import { publicClient } from '../../shared/http/schemas/clients.js';
import { wiring } from '../../shared/wiring.js';

const getClient = makeGetClient({ clients: wiring.clients() });
export const handler = httpHandler(routes.getClient, async ({ tenantId, params }) => ok(publicClient(await getClient(tenantId, params.id))));
