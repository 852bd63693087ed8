import { makeGetQuoteTimeline } from '../../shared/app/quotes.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { quotesRoutes as routes } from '../../shared/http/routes/quotes.js';
import { quoteRepository } from '../../shared/wiring-quotes.js';

const getQuoteTimeline = makeGetQuoteTimeline({ quotes: quoteRepository() });
export const handler = httpHandler(routes.quoteTimeline, async ({ tenantId, params, query }) => ok(await getQuoteTimeline(tenantId, params.id, query)));
