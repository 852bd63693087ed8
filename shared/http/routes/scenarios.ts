/** Routes of scenarios (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import { idParams } from '../schemas/common.js';
import { ScenarioCreate, ScenarioUpdate } from '../schemas/reminders.js';
import type { RouteDefinition } from '../route-definition.js';

/**
 * The path id has the shape of every other resource's id (a malformed one is a 400 naming `path.id`): a
 * well-formed id nothing has (`ABC`, which a created template or scenario never gets) is a 404, as on
 * /invoices/{id} (test/e2e/path-ids.test.ts).
 */
const docParams = idParams;

export const scenariosRoutes = {
  listScenarios: { method: 'GET', path: '/scenarios', handler: 'functions/scenarios/scenarios-api', auth: 'jwt' },
  createScenario: { method: 'POST', path: '/scenarios', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', body: ScenarioCreate, successStatus: 201, idempotent: true },
  getScenario: { method: 'GET', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', params: docParams },
  putScenario: { method: 'PUT', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', params: docParams, body: ScenarioUpdate },
  deleteScenario: { method: 'DELETE', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', params: docParams, successStatus: 204 },
} as const satisfies Record<string, RouteDefinition>;
