import { makeExportInvoices } from '../../shared/app/aggregates/export-invoices.js';
import { makeFollowUpList } from '../../shared/app/aggregates/follow-up-list.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { csv } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { wiring } from '../../shared/wiring.js';
import { rowExtras } from '../../shared/wiring-aggregates.js';

const exportInvoices = makeExportInvoices(
  makeFollowUpList({ invoices: wiring.invoices(), rows: wiring.invoiceRows(), aggregates: rowExtras(), settings: wiring.settings(), clock: wiring.clock }),
  wiring.clients(),
  wiring.settings(),
);
export const handler = httpHandler(routes.exportInvoices, async ({ tenantId, query }) => {
  const { lang, ...filters } = query;
  const file = await exportInvoices(tenantId, filters, lang);
  return csv(file.csv, file.language === 'en' ? 'invoices.csv' : 'factures.csv');
});
