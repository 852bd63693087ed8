import { makeRenderCreditNotePdf } from '../../shared/app/credit-notes.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { pdf } from '../../shared/http/responses.js';
import { creditNotesRoutes as routes } from '../../shared/http/routes/credit-notes.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const renderCreditNotePdf = makeRenderCreditNotePdf({ invoices: invoiceRepository(), clients: wiring.clients(), settings: wiring.settings(), pdf: pdfRenderer });
export const handler = httpHandler(routes.creditNotePdf, async ({ tenantId, params }) => {
  const { bytes, fileName } = await renderCreditNotePdf(tenantId, params.id, params.creditNoteId);
  return pdf(bytes, fileName);
});
