import { makeMoveToLitigation } from '../../shared/app/litigation.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const moveToLitigation = makeMoveToLitigation({ invoices: invoiceRepository(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.moveToLitigation, async ({ tenantId, params, body }) =>
  ok((await moveToLitigation(tenantId, params.id, { auto: false, ...(body?.reason ? { reason: body.reason } : {}) })).invoice),
);
