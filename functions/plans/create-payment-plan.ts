import { makeCreatePaymentPlan } from '../../shared/app/payment-plans.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { plansRoutes as routes } from '../../shared/http/routes/plans.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const createPaymentPlan = makeCreatePaymentPlan({ invoices: invoiceRepository(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.createPaymentPlan, async ({ tenantId, params, body }) => created(await createPaymentPlan(tenantId, params.id, body)), wiring);
