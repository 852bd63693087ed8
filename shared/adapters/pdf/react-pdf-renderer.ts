import type {
  CreditNotePdfData,
  CreditNotePdfRenderer,
  InvoicePdfData,
  PdfRenderer,
  QuotePdfData,
  QuotePdfRenderer,
} from '../../app/ports.js';
import type { StatementPdfData, StatementPdfRenderer } from '../../app/aggregates/client-statement.js';
import type { PdfDocument, PdfKit } from '../../../templates/pdf/kit.js';
import type { LetterPdfData } from '../../../templates/pdf/letter-types.js';

/** The PDF port plus the mise en demeure letter the reminder engine attaches. */
export interface DocumentRenderer extends PdfRenderer {
  letter(data: LetterPdfData): Promise<Uint8Array>;
}

let kit: Promise<PdfKit> | undefined;

/**
 * react-pdf (and pdfkit, fontkit…) is loaded on the first render, not at INIT: functions that
 * share this module but never render don't pay for it, and it must stay an external package
 * in the bundle anyway (DOMAIN.md §3, infra/pdf-bundling.ts).
 */
const loadKit = (): Promise<PdfKit> =>
  (kit ??= Promise.all([import('@react-pdf/renderer'), import('../../../templates/pdf/fonts.js')]).then(([module, { registerFonts }]) => {
    registerFonts(module);
    return module;
  }));

const render = async (kitReady: PdfKit, document: PdfDocument): Promise<Uint8Array> => {
  const buffer = await kitReady.renderToBuffer(document);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
};

/** Renders invoices, letters, quotes and credit notes with @react-pdf/renderer and the embedded DejaVu Sans (templates/pdf/fonts.ts). */
export class ReactPdfRenderer implements DocumentRenderer, QuotePdfRenderer, CreditNotePdfRenderer, StatementPdfRenderer {
  async invoice(data: InvoicePdfData): Promise<Uint8Array> {
    const [pdf, { invoiceDocument }] = await Promise.all([loadKit(), import('../../../templates/pdf/invoice-document.js')]);
    return render(pdf, invoiceDocument(pdf, data));
  }

  async letter(data: LetterPdfData): Promise<Uint8Array> {
    const [pdf, { letterDocument }] = await Promise.all([loadKit(), import('../../../templates/pdf/letter-document.js')]);
    return render(pdf, letterDocument(pdf, data));
  }

  async quote(data: QuotePdfData): Promise<Uint8Array> {
    const [pdf, { quoteDocument }] = await Promise.all([loadKit(), import('../../../templates/pdf/quote-document.js')]);
    return render(pdf, quoteDocument(pdf, data));
  }

  async creditNote(data: CreditNotePdfData): Promise<Uint8Array> {
    const [pdf, { creditNoteDocument }] = await Promise.all([loadKit(), import('../../../templates/pdf/credit-note-document.js')]);
    return render(pdf, creditNoteDocument(pdf, data));
  }

  async statement(data: StatementPdfData): Promise<Uint8Array> {
    const [pdf, { statementDocument }] = await Promise.all([loadKit(), import('../../../templates/pdf/statement-document.js')]);
    return render(pdf, statementDocument(pdf, data));
  }
}
