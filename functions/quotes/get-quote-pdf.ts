import { makeRenderQuotePdf } from '../../shared/app/quotes.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { pdf } from '../../shared/http/responses.js';
import { quotesRoutes as routes } from '../../shared/http/routes/quotes.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';
import { wiring } from '../../shared/wiring.js';
import { quoteRepository } from '../../shared/wiring-quotes.js';

const renderQuotePdf = makeRenderQuotePdf({ quotes: quoteRepository(), clients: wiring.clients(), settings: wiring.settings(), pdf: pdfRenderer });
export const handler = httpHandler(routes.quotePdf, async ({ tenantId, params }) => {
  const { bytes, fileName } = await renderQuotePdf(tenantId, params.id);
  return pdf(bytes, fileName);
});
