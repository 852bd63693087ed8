import { makeCreateFinalInvoice } from '../../shared/app/job-invoices.js';
import { quoteDeps } from './deps.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { quotesRoutes as routes } from '../../shared/http/routes/quotes.js';
import { wiring } from '../../shared/wiring.js';

const createFinalInvoice = makeCreateFinalInvoice(quoteDeps());
export const handler = httpHandler(routes.createFinalInvoice, async ({ tenantId, params, body }) =>
  created(await createFinalInvoice(tenantId, params.id, body)), wiring);
