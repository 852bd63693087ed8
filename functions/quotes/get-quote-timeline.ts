import { loadQuote } from '../../shared/app/quotes.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';
import { wiring } from '../../shared/wiring.js';

export const handler = httpHandler(routes.quoteTimeline, async ({ tenantId, params, query }) => {
  await loadQuote(wiring.quotes(), tenantId, params.id);
  return ok(await wiring.quotes().timeline(tenantId, params.id, query));
});
