import { makeDeclinePlanRequest } from '../../shared/app/payment-plans.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { plansRoutes as routes } from '../../shared/http/routes/plans.js';
import { mailer } from '../../shared/wiring-email.js';
import { portalLinks } from '../../shared/wiring-portal-links.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const declinePlanRequest = makeDeclinePlanRequest({ invoices: invoiceRepository(), clients: wiring.clients(), settings: wiring.settings(), clock: wiring.clock, mailer: mailer(), portalLinks: portalLinks() });
export const handler = httpHandler(routes.declinePlanRequest, async ({ tenantId, params, body }) => ok(await declinePlanRequest(tenantId, params.id, body)), wiring);
