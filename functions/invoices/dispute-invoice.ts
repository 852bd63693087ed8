import { makeDisputeInvoice } from '../../shared/app/reminder-holds.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { wiring } from '../../shared/wiring.js';

const disputeInvoice = makeDisputeInvoice({ invoices: wiring.invoices(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.disputeInvoice, async ({ tenantId, params, body }) => ok(await disputeInvoice(tenantId, params.id, body)));
