import { makeWriteOff } from '../../shared/app/credit-notes.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { mailer } from '../../shared/wiring-email.js';
import { wiring } from '../../shared/wiring.js';

const writeOff = makeWriteOff({
  invoices: wiring.invoices(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  mailer: mailer(),
  pdf: pdfRenderer,
  clock: wiring.clock,
  ids: wiring.ids,
});
export const handler = httpHandler(routes.writeOffInvoice, async ({ tenantId, params, body }) => created(await writeOff(tenantId, params.id, body)), wiring);
