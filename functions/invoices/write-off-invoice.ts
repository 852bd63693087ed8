import { makeWriteOff } from '../../shared/app/credit-notes.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { mailer } from '../../shared/wiring-email.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceLedger } from '../../shared/wiring-invoice-ledger.js';

const writeOff = makeWriteOff({
  invoices: invoiceLedger(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  mailer: mailer(),
  pdf: pdfRenderer,
  clock: wiring.clock,
  ids: wiring.ids,
});
export const handler = httpHandler(routes.writeOffInvoice, async ({ tenantId, params, body }) => created(await writeOff(tenantId, params.id, body)), wiring);
