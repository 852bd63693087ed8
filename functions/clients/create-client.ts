import { makeCreateClient } from '../../shared/app/clients.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { clientsRoutes as routes } from '../../shared/http/routes/clients.js';
import { wiring } from '../../shared/wiring.js';

const createClient = makeCreateClient({ clients: wiring.clients(), scenarios: wiring.scenarios(), templates: wiring.templates(), clock: wiring.clock, ids: wiring.ids });
export const handler = httpHandler(routes.createClient, async ({ tenantId, body }) => created(await createClient(tenantId, body)), wiring);
