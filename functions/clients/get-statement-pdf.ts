import { makeRenderStatementPdf } from '../../shared/app/aggregates/client-statement.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { pdf } from '../../shared/http/responses.js';
import { clientsRoutes as routes } from '../../shared/http/routes/clients.js';
import { wiring } from '../../shared/wiring.js';
import { aggregates } from '../../shared/wiring-aggregates.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';

const renderStatement = makeRenderStatementPdf({ clients: wiring.clients(), aggregates: aggregates(), settings: wiring.settings(), clock: wiring.clock, pdf: pdfRenderer });
export const handler = httpHandler(routes.clientStatementPdf, async ({ tenantId, params }) => {
  const { bytes, fileName } = await renderStatement(tenantId, params.id);
  return pdf(bytes, fileName);
});
