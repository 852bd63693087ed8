import { makeGetTimeline } from '../../shared/app/invoices.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceLedger } from '../../shared/wiring-invoice-ledger.js';

const getTimeline = makeGetTimeline({ invoices: invoiceLedger() });
export const handler = httpHandler(routes.invoiceTimeline, async ({ tenantId, params, query }) =>
  ok(await getTimeline(tenantId, params.id, query)),
);
