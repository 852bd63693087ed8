import { makeRecordPayment } from '../../shared/app/payments.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { json } from '../../shared/http/responses.js';
import { paymentsRoutes as routes } from '../../shared/http/routes/payments.js';
import { metrics } from '../../shared/wiring-telemetry.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const recordPayment = makeRecordPayment({ invoices: invoiceRepository(), settings: wiring.settings(), clock: wiring.clock, ids: wiring.ids });
export const handler = httpHandler(
  routes.recordPayment,
  async ({ tenantId, params, body, idempotencyKey }) => {
    const payment = await recordPayment(tenantId, params.id, body, idempotencyKey);
    // A replay answered by the idempotency store never reaches this line (one that the use case
    // itself deduplicates, after the store lost its record, is counted again: rare, harmless).
    metrics().paymentRecorded();
    return json(201, payment, { location: `/invoices/${encodeURIComponent(params.id)}/payments/${encodeURIComponent(payment.id)}` });
  },
  wiring,
);
