import { makeListCreditNotes } from '../../shared/app/credit-notes.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { creditNotesRoutes as routes } from '../../shared/http/routes/credit-notes.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const listCreditNotes = makeListCreditNotes({ invoices: invoiceRepository() });
export const handler = httpHandler(routes.listCreditNotes, async ({ tenantId, params }) => ok({ items: await listCreditNotes(tenantId, params.id) }));
