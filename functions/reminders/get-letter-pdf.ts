import { makeGetLetterPdf } from '../../shared/app/reminders/letters.js';
import { makeGetReminderPlan } from '../../shared/app/reminders/reminder-plan-view.js';
import { reminderReadDeps } from '../../shared/wiring-reminders.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { pdf } from '../../shared/http/responses.js';
import { remindersRoutes as routes } from '../../shared/http/routes/reminders.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
// It renders letters only: the send path's renderer keeps the statement, credit-note and proof templates out of its bundle.
import { sendPathPdfRenderer as pdfRenderer } from '../../shared/wiring-pdf-send.js';

// A step the plan shows but the stream has not recorded yet (just sent) answers 409 with Retry-After, not 404.
const getLetterPdf = makeGetLetterPdf({ steps: wiring.steps(), invoices: invoiceRepository(), pdf: pdfRenderer, shownPlan: makeGetReminderPlan({ ...reminderReadDeps(), clock: wiring.clock }) });
export const handler = httpHandler(routes.letterPdf, async ({ tenantId, params }) => {
  const { bytes, fileName } = await getLetterPdf(tenantId, params.id, params.stepId);
  return pdf(bytes, fileName);
});
