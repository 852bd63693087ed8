import { makeRenderPortalPdf } from '../../shared/app/portal/portal-pdf.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { pdf } from '../../shared/http/responses.js';
import { portalRoutes as routes } from '../../shared/http/routes/portal.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';

const renderPdf = makeRenderPortalPdf({ tokens: wiring.portalTokens(), invoices: invoiceRepository(), settings: wiring.settings(), clients: wiring.clients(), clock: wiring.clock, pdf: pdfRenderer });
export const handler = httpHandler(routes.getPortalPdf, async ({ params }) => {
  const { bytes, fileName } = await renderPdf(params.token);
  return pdf(bytes, fileName);
});
