/**
 * The invoice repository with the numbered writes and the whole timeline (DynamoInvoiceLedger): a module of its own,
 * out of wiring.ts's object, so that only the functions that send an invoice, issue a credit note (cancel, write-off)
 * or read the timeline (the timeline route, the proof file) bundle them; the others get wiring.invoices().
 */
import { DynamoInvoiceLedger } from './adapters/dynamo/dynamo-invoice-ledger.js';
import { documentClient, memo } from './clients.js';
import { wiring } from './wiring.js';

export const invoiceLedger = /* @__PURE__ */ memo(() => new DynamoInvoiceLedger(documentClient(), wiring.config.TABLE_NAME));
