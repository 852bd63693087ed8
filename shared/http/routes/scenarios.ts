/** Routes of scenarios (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import * as z from 'zod';
import { id } from '../schemas/common.js';
import { ScenarioCreate, ScenarioUpdate } from '../schemas/reminders.js';
import type { RouteDefinition } from '../route-definition.js';

const docParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, { message: 'must be a scenario or template id' }) });

export const scenariosRoutes = {
  listScenarios: { method: 'GET', path: '/scenarios', handler: 'functions/scenarios/scenarios-api', auth: 'jwt' },
  createScenario: { method: 'POST', path: '/scenarios', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', body: ScenarioCreate, successStatus: 201, idempotent: true },
  getScenario: { method: 'GET', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', params: docParams },
  putScenario: { method: 'PUT', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', params: docParams, body: ScenarioUpdate },
  deleteScenario: { method: 'DELETE', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', params: docParams },
} as const satisfies Record<string, RouteDefinition>;
