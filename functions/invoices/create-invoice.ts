import { makeCreateInvoice } from '../../shared/app/invoices.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const createInvoice = makeCreateInvoice({
  invoices: invoiceRepository(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  clock: wiring.clock,
  ids: wiring.ids,
});
export const handler = httpHandler(routes.createInvoice, async ({ tenantId, body }) => created(await createInvoice(tenantId, body)), wiring);
