import { makeCreateQuote } from '../../shared/app/quotes.js';
import { quoteDeps } from './deps.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { quotesRoutes as routes } from '../../shared/http/routes/quotes.js';
import { wiring } from '../../shared/wiring.js';

const createQuote = makeCreateQuote(quoteDeps());
export const handler = httpHandler(routes.createQuote, async ({ tenantId, body }) => created(await createQuote(tenantId, body)), wiring);
