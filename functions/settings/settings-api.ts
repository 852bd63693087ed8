import { handler as getSettings } from './get-settings.js';
import { handler as putSettings } from './put-settings.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the settings routes that neither render nor send: one function, a thin handler per route (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(getSettings, putSettings);
