import { makeSendInvoice } from '../../shared/app/send-invoice.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { mailer } from '../../shared/wiring-email.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceLedger } from '../../shared/wiring-invoice-ledger.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';
import { portalLinks } from '../../shared/wiring-portal-links.js';

const sendInvoice = makeSendInvoice({
  invoices: invoiceLedger(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  mailer: mailer(),
  pdf: pdfRenderer,
  clock: wiring.clock,
  portalLinks: portalLinks(),
});
export const handler = httpHandler(routes.sendInvoice, async ({ tenantId, params }) => ok(await sendInvoice(tenantId, params.id)), wiring);
