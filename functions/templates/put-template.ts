import { makeTemplateLibrary } from '../../shared/app/reminders/templates.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { templatesRoutes as routes } from '../../shared/http/routes/templates.js';
import { wiring } from '../../shared/wiring.js';

const templates = makeTemplateLibrary({ templates: wiring.templates(), scenarios: wiring.scenarios(), clients: wiring.clients(), ids: wiring.ids });
export const handler = httpHandler(routes.putTemplate, async ({ tenantId, params, body }) => ok(await templates.put(tenantId, params.id, body)));
