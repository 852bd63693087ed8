import type { ProofFileData, ProofPdfRenderer } from '../../app/proof-file.js';
import { loadKit, renderNumbered } from './react-pdf-renderer.js';

/**
 * The proof file's renderer, in a module of its own: esbuild inlines every template a renderer
 * imports, so keeping it out of ReactPdfRenderer keeps its template out of the other PDF bundles
 * (send-reminder and the API's 300 KB budget, test/infra/bundle-budget.test.ts).
 */
export class ReactProofPdfRenderer implements ProofPdfRenderer {
  async proof(data: ProofFileData): Promise<Uint8Array> {
    const [pdf, { proofDocument }] = await Promise.all([loadKit(), import('../../../templates/pdf/proof-document.js')]);
    return renderNumbered(pdf, data.reminders.length * 3 + data.payments.length + data.events.length, (numbering) => proofDocument(pdf, data, numbering));
  }
}
