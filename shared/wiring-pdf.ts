/**
 * The PDF renderer, for the functions whose route is flagged `pdf: true` only: those ship
 * @react-pdf/renderer as a real node_modules package (infra/pdf-bundling.ts). Any other
 * function importing this would inline react-pdf, which then fails to find its fonts.
 *
 * `pdfRenderer` renders every document; the send path's functions take the one of
 * ./wiring-pdf-send.ts (a module of its own, so their bundles leave the statement, credit-note
 * and proof templates out: test/infra/bundle-budget.test.ts).
 */
import { ReactPdfRenderer, type DocumentTemplates } from './adapters/pdf/react-pdf-renderer.js';

/** Every document template (tests and benchmarks build their renderers from it too). */
export const allDocumentTemplates: DocumentTemplates = {
  invoice: () => import('../templates/pdf/invoice-document.js'),
  letter: () => import('../templates/pdf/letter-document.js'),
  quote: () => import('../templates/pdf/quote-document.js'),
  creditNote: () => import('../templates/pdf/credit-note-document.js'),
  statement: () => import('../templates/pdf/statement-document.js'),
  proof: () => import('../templates/pdf/proof-document.js'),
};

export const pdfRenderer = new ReactPdfRenderer(allDocumentTemplates);
