import { makeTemplateLibrary } from '../../shared/app/reminders/templates.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { noContent } from '../../shared/http/responses.js';
import { templatesRoutes as routes } from '../../shared/http/routes/templates.js';
import { wiring } from '../../shared/wiring.js';

const templates = makeTemplateLibrary({ templates: wiring.templates(), scenarios: wiring.scenarios(), clients: wiring.clients(), ids: wiring.ids });
export const handler = httpHandler(routes.deleteTemplate, async ({ tenantId, params }) => {
  await templates.remove(tenantId, params.id);
  return noContent();
});
