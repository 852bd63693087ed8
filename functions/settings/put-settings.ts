import { makeUpdateSettings } from '../../shared/app/settings.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { settingsRoutes as routes } from '../../shared/http/routes/settings.js';
import { wiring } from '../../shared/wiring.js';

const updateSettings = makeUpdateSettings({ settings: wiring.settings(), scenarios: wiring.scenarios() });
export const handler = httpHandler(routes.putSettings, async ({ tenantId, body }) => ok(await updateSettings(tenantId, body)));
