import { makePortalPlanRequest } from '../../shared/app/portal/portal-plan-request.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { portalRoutes as routes } from '../../shared/http/routes/portal.js';
import { portalDeps } from '../../shared/wiring-portal.js';

const requestPlan = makePortalPlanRequest(portalDeps());
export const handler = httpHandler(routes.portalPlanRequest, async ({ params, body }) => ok(await requestPlan(params.token, body)));
