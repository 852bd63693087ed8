import { makeRenderInvoicePdf } from '../../shared/app/invoice-pdf.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { pdf } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';

const renderInvoicePdf = makeRenderInvoicePdf({
  invoices: invoiceRepository(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  pdf: pdfRenderer,
});
export const handler = httpHandler(routes.invoicePdf, async ({ tenantId, params }) => {
  const { bytes, fileName } = await renderInvoicePdf(tenantId, params.id);
  return pdf(bytes, fileName);
});
