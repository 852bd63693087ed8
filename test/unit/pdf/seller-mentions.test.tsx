import { describe, expect, it } from 'vitest';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import { buildStatement } from '../../../shared/domain/statement.js';
import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
import { countryName } from '../../../templates/pdf/format.js';
import { footerIdentity, sellerLines } from '../../../templates/pdf/identity.js';
import { invoiceLabels } from '../../../templates/pdf/invoice-labels.js';
import { aBusinessClient, aCreditNotePdfData, aLetterPdfData, anInvoicePdfData, aQuotePdfData, aSeller, pdfText } from '../../fixtures/pdf-fixtures.js';

/** A company seller with the mentions C. com. R123-237 asks of it: its share capital and its register. */
const company = aSeller({ legalForm: 'SARL', shareCapitalCents: 1_000_000, registration: 'RCS Lyon' });
const fr = invoiceLabels('fr');
const en = invoiceLabels('en');

describe('the seller identity lines (templates/pdf/identity.ts)', () => {
  it('prints the share capital with the legal form and the register before the SIREN, in French', () => {
    const lines = sellerLines(company, fr, countryName('fr'));
    expect(lines[0]).toBe('SARL au capital de 10\u00a0000,00\u00a0€');
    expect(lines).toContain('RCS Lyon 123456789');
    expect(lines).not.toContain('SIREN 123456789');
    expect(footerIdentity(company, fr)).toBe('Menuiserie Dupont · SARL au capital de 10\u00a0000,00\u00a0€ · RCS Lyon 123456789 · N° TVA intracommunautaire FR32123456789');
  });

  it('words them in English for an English-language client', () => {
    expect(sellerLines(company, en, countryName('en'))[0]).toBe('SARL with share capital of €10,000.00');
    expect(footerIdentity(company, en)).toBe('Menuiserie Dupont · SARL with share capital of €10,000.00 · RCS Lyon 123456789 · VAT number FR32123456789');
  });

  it('prints a capital without a legal form on its own line, and a register without a SIREN alone', () => {
    const seller = aSeller({ legalForm: undefined, siren: undefined, shareCapitalCents: 150_050, registration: 'Immatriculée au RNE' });
    expect(sellerLines(seller, fr, countryName('fr'))).toEqual(['Capital social : 1\u00a0500,50\u00a0€', '12 rue des Artisans', '69003 LYON', 'Immatriculée au RNE', 'N° TVA intracommunautaire FR32123456789', 'E-mail contact@menuiserie-dupont.fr', 'Tél. 04 72 00 00 00']);
    expect(sellerLines(seller, en, countryName('en'))[0]).toBe('Share capital: €1,500.50');
    expect(footerIdentity(seller, fr)).toBe('Menuiserie Dupont · Capital social : 1\u00a0500,50\u00a0€ · Immatriculée au RNE · N° TVA intracommunautaire FR32123456789');
  });

  it('prints a capital of 0 € (a company may be founded with 1 €, the field says what was given)', () => {
    expect(sellerLines(aSeller({ legalForm: 'SAS', shareCapitalCents: 0 }), fr, countryName('fr'))[0]).toBe('SAS au capital de 0,00\u00a0€');
  });

  it('prints the lines of a seller without them as before: the legal form alone, "SIREN" before the number', () => {
    const seller = aSeller({ legalForm: 'EI' });
    expect(sellerLines(seller, fr, countryName('fr'))).toEqual(['EI', '12 rue des Artisans', '69003 LYON', 'SIREN 123456789', 'N° TVA intracommunautaire FR32123456789', 'E-mail contact@menuiserie-dupont.fr', 'Tél. 04 72 00 00 00']);
    expect(footerIdentity(seller, fr)).toBe('Menuiserie Dupont · EI · SIREN 123456789 · N° TVA intracommunautaire FR32123456789');
    expect(footerIdentity(aSeller({ legalForm: '', siren: undefined, vatNumber: undefined }), fr)).toBe('Menuiserie Dupont');
  });
});

const renderer = new ReactPdfRenderer(allDocumentTemplates);
const FR_MENTIONS = ['SARL au capital de 10 000,00 €', 'RCS Lyon 123456789'];
const EN_MENTIONS = ['SARL with share capital of €10,000.00', 'RCS Lyon 123456789'];
/** Each mention in the seller block and again in the footer; "SIREN 123456789" nowhere (the client's SIREN is another). */
const expectMentions = (text: string, mentions: string[]) => {
  for (const mention of mentions) expect(text.split(mention).length - 1, mention).toBe(2);
  expect(text).not.toContain('SIREN 123456789');
};

describe('the share capital and the register on every document naming the seller', () => {
  it('are printed in the seller block and the footer of an invoice, a quote, a credit note, a letter and a statement, in French', async () => {
    const client = aBusinessClient();
    const statement = {
      ...buildStatement([{ id: 'inv-1', number: 'F-2026-0001', issueDate: '2026-10-01', dueDate: '2026-10-31', billedCents: 10_000, credits: [], payments: [] }], '2026-11-25'),
      client: { id: client.id, name: client.name },
      currency: 'EUR' as const,
    };
    const texts = [
      await pdfText(await renderer.invoice(anInvoicePdfData({ seller: company }))),
      await pdfText(await renderer.quote(aQuotePdfData({ seller: company }))),
      await pdfText(await renderer.creditNote(aCreditNotePdfData({ seller: company }))),
      await pdfText(await renderer.letter(aLetterPdfData({ seller: company }))),
      await pdfText(await renderer.statement({ seller: company, client, statement, language: 'fr' })),
    ];
    for (const text of texts) expectMentions(text, FR_MENTIONS);
  });

  it('are worded in English on the documents of an English-language client', async () => {
    const client = aBusinessClient({ language: 'en' });
    expectMentions(await pdfText(await renderer.invoice(anInvoicePdfData({ seller: company, client, language: 'en' }))), EN_MENTIONS);
    expectMentions(await pdfText(await renderer.letter(aLetterPdfData({ seller: company, client, language: 'en' }))), EN_MENTIONS);
  });

  it('leave the bytes of a letter of a seller without them alone, whether the fields are left out or undefined (its SHA-256 is quoted in the proof file)', async () => {
    const before = await renderer.letter(aLetterPdfData());
    const removed = await renderer.letter(aLetterPdfData({ seller: aSeller({ shareCapitalCents: undefined, registration: undefined }) }));
    expect(Buffer.from(removed).equals(Buffer.from(before))).toBe(true);
    expect(Buffer.from(await renderer.letter(aLetterPdfData({ seller: company }))).equals(Buffer.from(before))).toBe(false);
  });
});
