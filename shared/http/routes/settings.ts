/** Routes of settings (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import { SettingsInput } from '../schemas/settings.js';
import type { RouteDefinition } from '../route-definition.js';

export const settingsRoutes = {
  getSettings: { method: 'GET', path: '/settings', handler: 'functions/settings/settings-api', auth: 'jwt' },
  putSettings: { method: 'PUT', path: '/settings', handler: 'functions/settings/settings-api', auth: 'jwt', body: SettingsInput },
} as const satisfies Record<string, RouteDefinition>;
