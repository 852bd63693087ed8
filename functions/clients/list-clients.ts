import { makeListClientRows } from '../../shared/app/aggregates/client-rows.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { clientsRoutes as routes } from '../../shared/http/routes/clients.js';
import { publicClient } from '../../shared/http/schemas/clients.js';
import { wiring } from '../../shared/wiring.js';
import { aggregates } from '../../shared/wiring-aggregates.js';

const listClients = makeListClientRows({ clients: wiring.clients(), aggregates: aggregates(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.listClients, async ({ tenantId, query }) => {
  const page = await listClients(tenantId, query);
  return ok({ ...page, items: page.items.map(publicClient) });
});
