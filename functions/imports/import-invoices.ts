import { makeImportInvoices } from '../../shared/app/aggregates/import-invoices.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';
import { wiring } from '../../shared/wiring.js';

const importInvoices = makeImportInvoices({ invoices: wiring.invoices(), clients: wiring.clients(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(
  routes.importInvoices,
  async ({ tenantId, query, body }) => ok(await importInvoices(tenantId, body, { dryRun: query.dryRun ?? false })),
  { idempotency: wiring.idempotency },
);
