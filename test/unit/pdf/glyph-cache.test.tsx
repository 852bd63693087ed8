import { describe, expect, it } from 'vitest';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
import { aBusinessClient, aLetterPdfData, anInvoicePdfData, pdfText } from '../../fixtures/pdf-fixtures.js';

/**
 * fontkit keeps one glyph object per glyph id with the characters it was first made for. The bold
 * « Échéance » of a mise en demeure, laid out first in a fresh process, made the bold « E » a glyph of
 * no character: from then on every PDF of that process wrote a bold E with nothing in its text layer
 * (« ta po3 » for the client Eta po3, « COPI — Duplicata », « nglish Ltd » on a statement), so a proof
 * file read back, searched or copied lost letters of the debtor's name. This file runs in its own
 * module context: the letter below is the first document its react-pdf lays out.
 */
describe('the text layer of every PDF of a process, whatever was rendered first', () => {
  it('keeps the bold capital E after a letter whose first bold text is « Échéance »', async () => {
    const renderer = new ReactPdfRenderer(allDocumentTemplates);
    const letter = await pdfText(await renderer.letter(aLetterPdfData()));
    expect(letter).toContain('Échéance');
    const invoice = await pdfText(await renderer.invoice(anInvoicePdfData({ client: aBusinessClient({ name: 'Eta Énergie SARL' }) })));
    expect(invoice).toContain('Eta Énergie SARL');
    const again = await pdfText(await renderer.letter(aLetterPdfData({ client: aBusinessClient({ name: 'Entreprise Eiffel' }) })));
    expect(again).toContain('Entreprise Eiffel');
  });
});
