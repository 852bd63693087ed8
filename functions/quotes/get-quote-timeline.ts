import { makeGetQuoteTimeline } from '../../shared/app/quotes.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';
import { wiring } from '../../shared/wiring.js';

const getQuoteTimeline = makeGetQuoteTimeline({ quotes: wiring.quotes() });
export const handler = httpHandler(routes.quoteTimeline, async ({ tenantId, params, query }) => ok(await getQuoteTimeline(tenantId, params.id, query)));
