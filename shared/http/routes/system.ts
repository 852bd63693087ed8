/** Routes of system (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import type { RouteDefinition } from '../route-definition.js';

export const systemRoutes = {
  health: { method: 'GET', path: '/health', handler: 'functions/system/health', auth: 'none' },
  openapi: { method: 'GET', path: '/openapi.json', handler: 'functions/system/openapi', auth: 'none' },
} as const satisfies Record<string, RouteDefinition>;
