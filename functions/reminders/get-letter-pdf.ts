import { makeGetLetterPdf } from '../../shared/app/reminders/letters.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { pdf } from '../../shared/http/responses.js';
import { remindersRoutes as routes } from '../../shared/http/routes/reminders.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';

const getLetterPdf = makeGetLetterPdf({ steps: wiring.steps(), invoices: invoiceRepository(), pdf: pdfRenderer });
export const handler = httpHandler(routes.letterPdf, async ({ tenantId, params }) => {
  const { bytes, fileName } = await getLetterPdf(tenantId, params.id, params.stepId);
  return pdf(bytes, fileName);
});
