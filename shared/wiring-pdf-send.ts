/**
 * The send path's PDF renderer (reminders, manual and grouped ones, quote follow-ups): the
 * invoice or quote attached and the mise en demeure letter, nothing else in its bundle.
 * Same constraint as ./wiring-pdf.ts: only for functions that ship react-pdf as a package.
 */
import { ReactPdfRenderer } from './adapters/pdf/react-pdf-renderer.js';

export const sendPathPdfRenderer = new ReactPdfRenderer({
  invoice: () => import('../templates/pdf/invoice-document.js'),
  letter: () => import('../templates/pdf/letter-document.js'),
  quote: () => import('../templates/pdf/quote-document.js'),
});
