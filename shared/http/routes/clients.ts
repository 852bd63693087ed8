/** Routes of clients (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import { ClientInput, ClientPatch } from '../schemas/clients.js';
import { idParams } from '../schemas/common.js';
import { ClientListQuery } from '../schemas/cockpit.js';
import type { RouteDefinition } from '../route-definition.js';

export const clientsRoutes = {
  createClient: { method: 'POST', path: '/clients', handler: 'functions/clients/clients-api', auth: 'jwt', body: ClientInput, successStatus: 201, idempotent: true },
  listClients: { method: 'GET', path: '/clients', handler: 'functions/clients/clients-api', auth: 'jwt', query: ClientListQuery },
  clientStatement: { method: 'GET', path: '/clients/{id}/statement', handler: 'functions/clients/clients-api', auth: 'jwt', params: idParams },
  clientStatementPdf: { method: 'GET', path: '/clients/{id}/statement.pdf', handler: 'functions/clients/get-statement-pdf', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  getClient: { method: 'GET', path: '/clients/{id}', handler: 'functions/clients/clients-api', auth: 'jwt', params: idParams },
  updateClient: { method: 'PATCH', path: '/clients/{id}', handler: 'functions/clients/clients-api', auth: 'jwt', params: idParams, body: ClientPatch },
} as const satisfies Record<string, RouteDefinition>;
