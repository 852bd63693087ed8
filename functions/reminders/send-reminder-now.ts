import { makeSendReminderNow } from '../../shared/app/reminders/send-reminder-now.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { remindersRoutes as routes } from '../../shared/http/routes/reminders.js';
import { reminderReadDeps } from '../../shared/wiring-reminders.js';
import { reminderSteps } from '../../shared/wiring-reminder-steps.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
import { reminderPdfRenderer as pdfRenderer } from '../../shared/wiring-pdf-manual.js';
import { mailer } from '../../shared/wiring-email.js';
import { wiring } from '../../shared/wiring.js';
import { portalLinks } from '../../shared/wiring-portal-links.js';
import { metrics } from '../../shared/wiring-telemetry.js';

const sendReminderNow = makeSendReminderNow({
  ...reminderReadDeps(),
  steps: reminderSteps(),
  invoices: invoiceRepository(),
  templates: wiring.templates(),
  mailer: mailer(),
  pdf: pdfRenderer,
  clock: wiring.clock,
  portalLinks: portalLinks(),
  metrics: metrics(),
});
export const handler = httpHandler(
  routes.sendReminderNow,
  async ({ tenantId, params, body, log }) => {
    const step = await sendReminderNow(tenantId, params.id, body);
    // As a scheduled fire's line says (send-reminder.ts); a failed send answers 502, logged as a failed request.
    log('reminder', { stepId: step.stepId, outcome: 'sent', manual: true, ...(step.messageId ? { messageId: step.messageId } : {}) });
    return created(step);
  },
  wiring,
);
