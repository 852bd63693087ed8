import { makeResumeInvoice } from '../../shared/app/reminder-holds.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const resumeInvoice = makeResumeInvoice({ invoices: invoiceRepository(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.resumeInvoice, async ({ tenantId, params }) => ok(await resumeInvoice(tenantId, params.id)));
