import { describe, expect, it } from 'vitest';
import { pageCount, ReactPdfRenderer, renderNumbered } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import type { PageNumbering, PdfDocument, PdfKit } from '../../../templates/pdf/kit.js';
import { anInvoicePdfData, anInvoiceRecord, pdfText } from '../../fixtures/pdf-fixtures.js';

import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
/** A kit whose renderToBuffer records each document asked for and "renders" it as a PDF of `pages` pages. */
const countingKit = (pages: number) => {
  const rendered: PageNumbering[] = [];
  const kit = {
    renderToBuffer: async (document: { props: { numbering: PageNumbering } }) => {
      rendered.push(document.props.numbering);
      return Buffer.from(`%PDF-1.7\n<<\n/Type /Pages\n/Count ${pages}\n/Kids []\n>>`, 'latin1');
    },
  } as unknown as PdfKit;
  const document = (numbering: PageNumbering) => ({ props: { numbering } }) as unknown as PdfDocument;
  return { kit, rendered, document };
};

describe('page numbering without a second layout', () => {
  it('lays a one-page document out once, with the static footer', async () => {
    const { kit, rendered, document } = countingKit(1);
    await renderNumbered(kit, 2, document);
    expect(rendered).toEqual(['one-page']);
  });

  it('renders again with page numbers read from the layout when the result has more pages', async () => {
    const { kit, rendered, document } = countingKit(2);
    await renderNumbered(kit, 12, document);
    expect(rendered).toEqual(['one-page', 'dynamic']);
  });

  it('goes straight to the dynamic footer for a document too long for one page', async () => {
    const { kit, rendered, document } = countingKit(3);
    await renderNumbered(kit, 60, document);
    expect(rendered).toEqual(['dynamic']);
  });

  it('reads the page count of a pdfkit file', async () => {
    const bytes = await new ReactPdfRenderer(allDocumentTemplates).invoice(anInvoicePdfData());
    expect(pageCount(bytes)).toBe(1);
    expect(pageCount(new TextEncoder().encode('%PDF-1.7 no page tree'))).toBeUndefined();
  });

  it('numbers the pages of a short invoice whose long lines spill onto a second page', async () => {
    const description = 'Fourniture et pose de menuiseries extérieures, dépose des anciennes, évacuation des gravats, réglages et nettoyage du chantier. '.repeat(3);
    const lines = Array.from({ length: 14 }, (_, i) => ({ description: `${i + 1}. ${description}`, quantity: 1, unitPriceCents: 10_000, vatRate: 20 as const }));
    const bytes = await new ReactPdfRenderer(allDocumentTemplates).invoice(anInvoicePdfData({ invoice: anInvoiceRecord({ lines }) }));
    const pages = pageCount(bytes)!;
    expect(pages).toBeGreaterThan(1);
    const text = await pdfText(bytes);
    for (let n = 1; n <= pages; n += 1) expect(text).toContain(`Page ${n} / ${pages}`);
    expect(text).not.toContain('Page 1 / 1');
  });
});
