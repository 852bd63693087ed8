import { makeImportInvoices } from '../../shared/app/aggregates/import-invoices.js';
import { readCsvBody } from '../../shared/http/csv-body.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { json, ok } from '../../shared/http/responses.js';
import { importsRoutes as routes } from '../../shared/http/routes/imports.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

import { importJobs } from '../../shared/wiring-imports.js';
import { metrics } from '../../shared/wiring-telemetry.js';
const { importInvoices } = makeImportInvoices({
  invoices: invoiceRepository(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  clock: wiring.clock,
  jobs: importJobs(),
  ids: wiring.ids,
  numbers: wiring.invoiceRows(),
  metrics: metrics(),
});
export const handler = httpHandler(
  routes.importInvoices,
  async ({ tenantId, query, body }) => {
    const report = await importInvoices(tenantId, body, { dryRun: query.dryRun ?? false });
    // A job writes the rest: 202, and where to follow it.
    return report.id ? json(202, report, { location: `/imports/${report.id}` }) : ok(report);
  },
  { idempotency: wiring.idempotency, csv: readCsvBody },
);
