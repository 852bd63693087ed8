import { makeGetPaymentPlan } from '../../shared/app/payment-plans.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { plansRoutes as routes } from '../../shared/http/routes/plans.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const getPaymentPlan = makeGetPaymentPlan({ invoices: invoiceRepository(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.getPaymentPlan, async ({ tenantId, params }) => ok(await getPaymentPlan(tenantId, params.id)));
