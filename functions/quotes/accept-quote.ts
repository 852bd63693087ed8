import { makeAnswerQuote } from '../../shared/app/quotes.js';
import { quoteDeps } from './deps.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { quotesRoutes as routes } from '../../shared/http/routes/quotes.js';
import { wiring } from '../../shared/wiring.js';

const answerQuote = makeAnswerQuote(quoteDeps());
export const handler = httpHandler(routes.acceptQuote, async ({ tenantId, params }) => ok(await answerQuote(tenantId, params.id, 'accepted')), wiring);
