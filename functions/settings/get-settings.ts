import { makeGetSettings } from '../../shared/app/settings.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { settingsRoutes as routes } from '../../shared/http/routes/settings.js';
import { wiring } from '../../shared/wiring.js';

const getSettings = makeGetSettings({ settings: wiring.settings() });
export const handler = httpHandler(routes.getSettings, async ({ tenantId }) => ok(await getSettings(tenantId)));
