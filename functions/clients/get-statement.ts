import { makeGetClientStatement } from '../../shared/app/aggregates/client-statement.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { clientsRoutes as routes } from '../../shared/http/routes/clients.js';
import { wiring } from '../../shared/wiring.js';
import { aggregates } from '../../shared/wiring-aggregates.js';

const getStatement = makeGetClientStatement({ clients: wiring.clients(), aggregates: aggregates(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.clientStatement, async ({ tenantId, params }) => ok((await getStatement(tenantId, params.id)).statement));
