import { makeSendCreditNote } from '../../shared/app/credit-notes.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { creditNotesRoutes as routes } from '../../shared/http/routes/credit-notes.js';
import { mailer } from '../../shared/wiring-email.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceLedger } from '../../shared/wiring-invoice-ledger.js';

const sendCreditNote = makeSendCreditNote({
  invoices: invoiceLedger(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  mailer: mailer(),
  pdf: pdfRenderer,
  clock: wiring.clock,
});
export const handler = httpHandler(routes.sendCreditNote, async ({ tenantId, params }) => ok(await sendCreditNote(tenantId, params.id, params.creditNoteId)), wiring);
