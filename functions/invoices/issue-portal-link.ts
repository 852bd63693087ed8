import { makeReissuePortalLink } from '../../shared/app/portal/portal-link-admin.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { portalLinks } from '../../shared/wiring-portal-links.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const reissue = makeReissuePortalLink({ invoices: invoiceRepository(), settings: wiring.settings(), clock: wiring.clock, links: portalLinks() });
export const handler = httpHandler(routes.issuePortalLink, async ({ tenantId, params }) => created(await reissue(tenantId, params.id)), wiring);
