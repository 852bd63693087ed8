/**
 * The invoice repository with the writes of the invoice itself (DynamoInvoiceRepository: a draft created, an invoice
 * saved with its payment change and events): a module of its own, out of wiring.ts's object, so that only the
 * functions that write invoices bundle them; the others get wiring.invoices() (DynamoInvoiceRecords), client-reminders
 * among them.
 */
import { DynamoInvoiceRepository } from './adapters/dynamo/dynamo-invoice-repository.js';
import { documentClient, memo } from './clients.js';
import { wiring } from './wiring.js';

export const invoiceRepository = /* @__PURE__ */ memo(() => new DynamoInvoiceRepository(documentClient(), wiring.config.TABLE_NAME));
