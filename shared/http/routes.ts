/**
 * The one route table. API Gateway routes (infra/api.ts), the local HTTP server
 * (infra/local/api-server.ts), request validation (shared/http/http-handler.ts) and
 * /openapi.json (shared/http/openapi.ts) are all built from it, so local and deployed
 * behaviour cannot drift. A newcomer finds any behaviour in two hops: route → handler → use case.
 *
 * Each feature's routes live in `routes/<feature>.ts`; this module joins them in one table. A
 * handler imports its feature's table (`import { invoicesRoutes as routes } from
 * '../../shared/http/routes/invoices.js'`), never this one: its bundle then carries only its own
 * feature's schemas (about 20 KB less per function, issue 12's budget of 300 KB).
 */
import { systemRoutes } from './routes/system.js';
import { clientsRoutes } from './routes/clients.js';
import { invoicesRoutes } from './routes/invoices.js';
import { paymentsRoutes } from './routes/payments.js';
import { plansRoutes } from './routes/plans.js';
import { remindersRoutes } from './routes/reminders.js';
import { scenariosRoutes } from './routes/scenarios.js';
import { templatesRoutes } from './routes/templates.js';
import { quotesRoutes } from './routes/quotes.js';
import { creditNotesRoutes } from './routes/credit-notes.js';
import { importsRoutes } from './routes/imports.js';
import { cockpitRoutes } from './routes/cockpit.js';
import { portalRoutes } from './routes/portal.js';
import { notificationsRoutes } from './routes/notifications.js';
import { settingsRoutes } from './routes/settings.js';
import type { RouteDefinition } from './route-definition.js';

export type { HttpMethod, RouteDefinition } from './route-definition.js';

export const routes = {
  ...systemRoutes,
  ...clientsRoutes,
  ...invoicesRoutes,
  ...paymentsRoutes,
  ...plansRoutes,
  ...remindersRoutes,
  ...scenariosRoutes,
  ...templatesRoutes,
  ...quotesRoutes,
  ...creditNotesRoutes,
  ...importsRoutes,
  ...cockpitRoutes,
  ...portalRoutes,
  ...notificationsRoutes,
  ...settingsRoutes,
} as const satisfies Record<string, RouteDefinition>;


export type RouteName = keyof typeof routes;
export const routeList = (): readonly (RouteDefinition & { name: string })[] =>
  Object.entries(routes).map(([name, r]) => ({ name, ...(r as RouteDefinition) }));
