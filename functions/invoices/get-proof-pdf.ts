import { makeProofFile } from '../../shared/app/proof-file.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { pdf } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceLedger } from '../../shared/wiring-invoice-ledger.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';

const proofFile = makeProofFile({ invoices: invoiceLedger(), clients: wiring.clients(), settings: wiring.settings(), steps: wiring.steps(), clock: wiring.clock, pdf: pdfRenderer });
export const handler = httpHandler(routes.proofPdf, async ({ tenantId, params, query }) => {
  const { bytes, fileName } = await proofFile(tenantId, params.id, { language: query.lang });
  return pdf(bytes, fileName);
});
