import { handler as listScenarios } from './list-scenarios.js';
import { handler as createScenario } from './create-scenario.js';
import { handler as getScenario } from './get-scenario.js';
import { handler as putScenario } from './put-scenario.js';
import { handler as deleteScenario } from './delete-scenario.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the scenarios routes that neither render nor send: one function, a thin handler per route (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(listScenarios, createScenario, getScenario, putScenario, deleteScenario);
