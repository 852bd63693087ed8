import { handler as writeOff } from './write-off-invoice.js';
import { handler as proofPdf } from './get-proof-pdf.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the end-of-cycle routes that render PDFs or send (write-off, proof file): one function (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(writeOff, proofPdf);
