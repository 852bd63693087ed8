/** Routes of cockpit (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import { CockpitQuery } from '../schemas/cockpit.js';
import type { RouteDefinition } from '../route-definition.js';

export const cockpitRoutes = {
  cockpit: { method: 'GET', path: '/cockpit', handler: 'functions/cockpit/get-cockpit', auth: 'jwt', query: CockpitQuery },
} as const satisfies Record<string, RouteDefinition>;
