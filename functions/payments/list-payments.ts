import { makeListPayments } from '../../shared/app/payments.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { paymentsRoutes as routes } from '../../shared/http/routes/payments.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const listPayments = makeListPayments({ invoices: invoiceRepository() });
export const handler = httpHandler(routes.listPayments, async ({ tenantId, params }) => ok({ items: await listPayments(tenantId, params.id) }));
