import { makeDeletePaymentPlan } from '../../shared/app/payment-plans.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { plansRoutes as routes } from '../../shared/http/routes/plans.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const deletePaymentPlan = makeDeletePaymentPlan({ invoices: invoiceRepository(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.deletePaymentPlan, async ({ tenantId, params }) => ok(await deletePaymentPlan(tenantId, params.id)));
