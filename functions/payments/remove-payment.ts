import { makeRemovePayment } from '../../shared/app/payments.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { paymentsRoutes as routes } from '../../shared/http/routes/payments.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const removePayment = makeRemovePayment({ invoices: invoiceRepository(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.removePayment, async ({ tenantId, params }) =>
  ok(await removePayment(tenantId, params.id, params.paymentId)),
);
