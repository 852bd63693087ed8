import { makeFollowUpList } from '../../shared/app/aggregates/follow-up-list.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { wiring } from '../../shared/wiring.js';
import { rowExtras } from '../../shared/wiring-aggregates.js';

const listInvoices = makeFollowUpList({ invoices: wiring.invoices(), rows: wiring.invoiceRows(), aggregates: rowExtras(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.listInvoices, async ({ tenantId, query }) => ok(await listInvoices(tenantId, query)));
