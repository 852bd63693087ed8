/**
 * Reminders sent by hand (one invoice, a client's, a batch): the invoice attached and the
 * mise en demeure letter, nothing else in their bundles (see ./wiring-pdf.ts).
 */
import { ReactPdfRenderer } from './adapters/pdf/react-pdf-renderer.js';

export const reminderPdfRenderer = new ReactPdfRenderer({
  invoice: () => import('../templates/pdf/invoice-document.js'),
  letter: () => import('../templates/pdf/letter-document.js'),
});
