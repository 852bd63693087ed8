import type {
  CreditNotePdfData,
  CreditNotePdfRenderer,
  InvoicePdfData,
  PdfRenderer,
  QuotePdfData,
  QuotePdfRenderer,
} from '../../app/ports.js';
import type { StatementPdfData, StatementPdfRenderer } from '../../app/aggregates/client-statement.js';
import type { ProofFileData, ProofPdfRenderer } from '../../app/proof-file.js';
import type { PageNumbering, PdfDocument, PdfKit } from '../../../templates/pdf/kit.js';
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
  (kit ??= Promise.all([import('@react-pdf/renderer'), import('../../../templates/pdf/fonts.js')]).then(async ([module, { registerFonts, primeGlyphs }]) => {
    registerFonts(module);
    // Each glyph made from its own character before any layout (a bold « Échéance » first lost every later bold E from the text layer).
    await primeGlyphs(module);
    return module;
  }));

/** The EPC QR code's dark modules (level M), with `qrcode` loaded on first use like react-pdf (infra/pdf-bundling.ts). */
const qrModules = async (payload: string): Promise<boolean[][]> => {
  const { default: qrcode } = await import('qrcode/lib/core/qrcode.js');
  const { modules } = qrcode.create(payload, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => modules.get(row, col) === 1));
};

const render = async (kitReady: PdfKit, document: PdfDocument): Promise<Uint8Array> => {
  const buffer = await kitReady.renderToBuffer(document);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
};

/** Pages of a PDF written by pdfkit (its page tree reads `/Type /Pages /Count n`); undefined if not found. */
export const pageCount = (pdf: Uint8Array): number | undefined => {
  const match = /\/Type \/Pages\s*\/Count (\d+)/.exec(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1'));
  return match ? Number(match[1]) : undefined;
};

/**
 * Rows beyond which a document is taken to need more than one page without trying: an A4 page
 * holds about 20 table rows under the header blocks, so a longer document goes straight to the
 * dynamic footer instead of paying for a one-page attempt it would throw away.
 */
const ONE_PAGE_ROWS = 20;

/**
 * One layout for the usual one-page document: rendered first with a static "Page 1 / 1", and
 * again with the page numbers read from the layout only when it took more than one page
 * (PageNumbering in templates/pdf/kit.ts). The page count of the result decides, never the
 * row estimate: `rows` only skips the attempt when it is hopeless.
 */
export const renderNumbered = async (kitReady: PdfKit, rows: number, document: (numbering: PageNumbering) => PdfDocument): Promise<Uint8Array> => {
  if (rows > ONE_PAGE_ROWS) return render(kitReady, document('dynamic'));
  const single = await render(kitReady, document('one-page'));
  return pageCount(single) === 1 ? single : render(kitReady, document('dynamic'));
};

type Loader<M> = () => Promise<M>;

/**
 * The document templates a function may render, each loaded on first use. A function's wiring
 * names only the ones it renders (shared/wiring-pdf.ts): esbuild inlines every `import()` it
 * can reach, so a template no loader names stays out of that function's bundle.
 */
export interface DocumentTemplates {
  readonly invoice?: Loader<typeof import('../../../templates/pdf/invoice-document.js')>;
  readonly letter?: Loader<typeof import('../../../templates/pdf/letter-document.js')>;
  readonly quote?: Loader<typeof import('../../../templates/pdf/quote-document.js')>;
  readonly creditNote?: Loader<typeof import('../../../templates/pdf/credit-note-document.js')>;
  readonly statement?: Loader<typeof import('../../../templates/pdf/statement-document.js')>;
  readonly proof?: Loader<typeof import('../../../templates/pdf/proof-document.js')>;
}

const templateOf = <K extends keyof DocumentTemplates>(templates: DocumentTemplates, kind: K): NonNullable<DocumentTemplates[K]> => {
  const load = templates[kind];
  if (!load) throw new Error(`This function's PDF wiring has no ${kind} template (shared/wiring-pdf.ts)`);
  return load as NonNullable<DocumentTemplates[K]>;
};

/** Renders invoices, letters, quotes, credit notes and statements with @react-pdf/renderer and the embedded DejaVu Sans (templates/pdf/fonts.ts). */
export class ReactPdfRenderer implements DocumentRenderer, QuotePdfRenderer, CreditNotePdfRenderer, StatementPdfRenderer, ProofPdfRenderer {
  constructor(private readonly templates: DocumentTemplates) {}

  async proof(data: ProofFileData): Promise<Uint8Array> {
    const [pdf, { proofDocument }] = await Promise.all([loadKit(), templateOf(this.templates, 'proof')()]);
    return renderNumbered(pdf, data.reminders.length * 3 + data.payments.length + data.events.length, (numbering) => proofDocument(pdf, data, numbering));
  }

  async warm(): Promise<void> {
    await Promise.all([loadKit(), templateOf(this.templates, 'invoice')(), import('qrcode/lib/core/qrcode.js')]);
  }

  async invoice(data: InvoicePdfData): Promise<Uint8Array> {
    const [pdf, { invoiceDocument }, qr] = await Promise.all([loadKit(), templateOf(this.templates, 'invoice')(), data.epcPayload ? qrModules(data.epcPayload) : undefined]);
    return renderNumbered(pdf, data.invoice.lines.length + data.payments.length + (data.invoice.deductions?.length ?? 0) + (qr ? 4 : 0), (numbering) => invoiceDocument(pdf, data, numbering, qr));
  }

  async letter(data: LetterPdfData): Promise<Uint8Array> {
    const [pdf, { letterDocument }, qr] = await Promise.all([loadKit(), templateOf(this.templates, 'letter')(), data.epcPayload ? qrModules(data.epcPayload) : undefined]);
    return renderNumbered(pdf, data.invoices.length + (qr ? 4 : 0), (numbering) => letterDocument(pdf, data, numbering, qr));
  }

  async quote(data: QuotePdfData): Promise<Uint8Array> {
    const [pdf, { quoteDocument }] = await Promise.all([loadKit(), templateOf(this.templates, 'quote')()]);
    return renderNumbered(pdf, data.quote.lines.length, (numbering) => quoteDocument(pdf, data, numbering));
  }

  async creditNote(data: CreditNotePdfData): Promise<Uint8Array> {
    const [pdf, { creditNoteDocument }] = await Promise.all([loadKit(), templateOf(this.templates, 'creditNote')()]);
    return renderNumbered(pdf, data.creditNote.vatBreakdown.length, (numbering) => creditNoteDocument(pdf, data, numbering));
  }

  async statement(data: StatementPdfData): Promise<Uint8Array> {
    const [pdf, { statementDocument }] = await Promise.all([loadKit(), templateOf(this.templates, 'statement')()]);
    return renderNumbered(pdf, data.statement.lines.length + data.statement.openInvoices.length, (numbering) => statementDocument(pdf, data, numbering));
  }
}
