import { makeRecordPromise } from '../../shared/app/reminder-holds.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const recordPromise = makeRecordPromise({ invoices: invoiceRepository(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.recordPromise, async ({ tenantId, params, body }) => ok(await recordPromise(tenantId, params.id, body)));
