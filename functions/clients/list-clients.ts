import { makeListClients } from '../../shared/app/clients.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';
import { wiring } from '../../shared/wiring.js';

const listClients = makeListClients({ clients: wiring.clients() });
export const handler = httpHandler(routes.listClients, async ({ tenantId, query }) => ok(await listClients(tenantId, query)));
