import { makeTestTemplate } from '../../shared/app/reminders/templates.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { templatesRoutes as routes } from '../../shared/http/routes/templates.js';
import { mailer } from '../../shared/wiring-email.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';

const testTemplate = makeTestTemplate({
  templates: wiring.templates(),
  invoices: invoiceRepository(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  mailer: mailer(),
  pdf: pdfRenderer,
  clock: wiring.clock,
});
export const handler = httpHandler(routes.testTemplate, async ({ tenantId, params, body, userEmail }) =>
  ok(await testTemplate(tenantId, params.id, { invoiceId: body.invoiceId, to: body.to, userEmail })),
);
