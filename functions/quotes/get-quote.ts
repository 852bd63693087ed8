import { makeGetQuote } from '../../shared/app/quotes.js';
import { quoteDeps } from './deps.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { quotesRoutes as routes } from '../../shared/http/routes/quotes.js';

const getQuote = makeGetQuote(quoteDeps());
export const handler = httpHandler(routes.getQuote, async ({ tenantId, params }) => ok(await getQuote(tenantId, params.id)));
