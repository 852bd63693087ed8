import { makeRecordPayment } from '../../shared/app/payments.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';
import { wiring } from '../../shared/wiring.js';

const recordPayment = makeRecordPayment({ invoices: wiring.invoices(), settings: wiring.settings(), clock: wiring.clock, ids: wiring.ids });
export const handler = httpHandler(
  routes.recordPayment,
  async ({ tenantId, params, body, idempotencyKey }) => created(await recordPayment(tenantId, params.id, body, idempotencyKey)),
  wiring,
);
