/** Routes of imports (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import { idParams } from '../schemas/common.js';
import { ImportBody, ImportJobQuery, ImportQuery } from '../schemas/cockpit.js';
import type { RouteDefinition } from '../route-definition.js';

export const importsRoutes = {
  importInvoices: { method: 'POST', path: '/imports/invoices', handler: 'functions/imports/imports-api', auth: 'jwt', query: ImportQuery, body: ImportBody, idempotent: true, csvBody: true, heavy: true },
  getImport: { method: 'GET', path: '/imports/{id}', handler: 'functions/imports/imports-api', auth: 'jwt', params: idParams, query: ImportJobQuery },
} as const satisfies Record<string, RouteDefinition>;
