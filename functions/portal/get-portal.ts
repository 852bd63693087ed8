import { makeGetPortalView } from '../../shared/app/portal/portal-view.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { portalRoutes as routes } from '../../shared/http/routes/portal.js';
import { portalDeps } from '../../shared/wiring-portal.js';

const getPortalView = makeGetPortalView(portalDeps());
export const handler = httpHandler(routes.getPortal, async ({ params }) => ok(await getPortalView(params.token)));
