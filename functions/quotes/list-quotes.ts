import { makeListQuotes } from '../../shared/app/quotes.js';
import { quoteDeps } from './deps.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { quotesRoutes as routes } from '../../shared/http/routes/quotes.js';

const listQuotes = makeListQuotes(quoteDeps());
export const handler = httpHandler(routes.listQuotes, async ({ tenantId, query }) => ok(await listQuotes(tenantId, query)));
