import { handler as acceptPlanRequest } from './accept-plan-request.js';
import { handler as declinePlanRequest } from './decline-plan-request.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the payment-plan routes that email the client (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(acceptPlanRequest, declinePlanRequest);
