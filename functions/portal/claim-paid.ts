import { makeClaimPaid } from '../../shared/app/portal/portal-actions.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { portalRoutes as routes } from '../../shared/http/routes/portal.js';
import { portalDeps } from '../../shared/wiring-portal.js';

const action = makeClaimPaid(portalDeps());
export const handler = httpHandler(routes.portalPaid, async ({ params, body }) => ok(await action(params.token, body)));
