import { byRoute } from '../../shared/http/http-handler.js';
import { handler as getImport } from './get-import.js';
import { handler as importInvoices } from './import-invoices.js';

/** The import routes: the import itself and its job's progress, one Lambda (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(importInvoices, getImport);
