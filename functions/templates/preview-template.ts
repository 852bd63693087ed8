import { makePreviewTemplate } from '../../shared/app/reminders/templates.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { templatesRoutes as routes } from '../../shared/http/routes/templates.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
import { portalPreviews } from '../../shared/wiring-portal-preview.js';

const preview = makePreviewTemplate({
  templates: wiring.templates(),
  invoices: invoiceRepository(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  clock: wiring.clock,
  portalLinks: portalPreviews(),
});
export const handler = httpHandler(routes.previewTemplate, async ({ tenantId, params, body }) => ok(await preview(tenantId, params.id, body.invoiceId, body.language)));
