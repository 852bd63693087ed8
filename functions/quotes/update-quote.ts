import { makeUpdateQuote } from '../../shared/app/quotes.js';
import { quoteDeps } from './deps.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { quotesRoutes as routes } from '../../shared/http/routes/quotes.js';

const updateQuote = makeUpdateQuote(quoteDeps());
export const handler = httpHandler(routes.updateQuote, async ({ tenantId, params, body }) => ok(await updateQuote(tenantId, params.id, body)));
