import { makeCancelInvoice } from '../../shared/app/invoices.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';
import { wiring } from '../../shared/wiring.js';

const cancelInvoice = makeCancelInvoice({ invoices: wiring.invoices(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.cancelInvoice, async ({ tenantId, params }) => ok(await cancelInvoice(tenantId, params.id)), wiring);
