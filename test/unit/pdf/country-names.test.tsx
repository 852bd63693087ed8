import { describe, expect, it } from 'vitest';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
import { addressLines, countryCode, countryName, postalCountryName } from '../../../templates/pdf/format.js';
import { aBusinessClient, aCreditNotePdfData, aLetterPdfData, anInvoicePdfData, aQuotePdfData, aSeller, pdfText } from '../../fixtures/pdf-fixtures.js';

const renderer = new ReactPdfRenderer(allDocumentTemplates);

/** A client in London, a seller in Brussels: both abroad, printed by name in the document's language, never `GB` nor `BE`. */
const client = aBusinessClient({ vatNumber: undefined, address: { line1: '10 Downing Street', postalCode: 'SW1A 2AA', city: 'London', country: 'GB' } });
const seller = aSeller({ address: { line1: 'Rue Neuve 12', postalCode: '1000', city: 'Bruxelles', country: 'BE' } });
const codes = / (GB|BE) /;

describe('the shared address lines', () => {
  it('name a country abroad as the statement does, in the given language; France is never printed; an unknown code as it is', () => {
    const london = client.address!;
    expect(addressLines(london, countryName('fr'))).toEqual(['10 Downing Street', 'SW1A 2AA LONDON', 'Royaume-Uni']);
    expect(addressLines(london, countryName('en'))).toEqual(['10 Downing Street', 'SW1A 2AA LONDON', 'United Kingdom']);
    expect(addressLines(london, postalCountryName('fr')).at(-1)).toBe('ROYAUME-UNI');
    expect(addressLines(london, countryCode).at(-1)).toBe('GB');
    expect(addressLines({ ...london, country: 'FR' }, countryName('fr'))).toEqual(['10 Downing Street', 'SW1A 2AA LONDON']);
    expect(['ch', '12', 'ZZ', 'XX'].map(countryName('fr'))).toEqual(['Suisse', '12', 'ZZ', 'XX']);
  });
});

describe('invoices, quotes and credit notes of a client abroad', () => {
  it.each([
    ['invoice', (language: 'fr' | 'en') => renderer.invoice(anInvoicePdfData({ seller, client, language }))],
    ['quote', (language: 'fr' | 'en') => renderer.quote(aQuotePdfData({ seller, client, language }))],
    ['credit note', (language: 'fr' | 'en') => renderer.creditNote(aCreditNotePdfData({ seller, client, language }))],
  ] as const)('%s: the client’s and the seller’s countries by name in the document’s language, not their ISO codes', async (_kind, render) => {
    const fr = await pdfText(await render('fr'));
    expect(fr).toContain('SW1A 2AA LONDON Royaume-Uni');
    expect(fr).toContain('1000 BRUXELLES Belgique');
    expect(fr).not.toMatch(codes);
    const en = await pdfText(await render('en'));
    expect(en).toContain('SW1A 2AA LONDON United Kingdom');
    expect(en).toContain('1000 BRUXELLES Belgium');
    expect(en).not.toMatch(codes);
  });
});

describe('letters (their bytes are recorded: only a new layout changes them)', () => {
  it('since layout 4, name the seller’s country abroad in capitals too, as the client’s', async () => {
    const text = await pdfText(await renderer.letter(aLetterPdfData({ seller, client, layout: 4 })));
    expect(text).toContain('1000 BRUXELLES BELGIQUE');
    expect(text).toContain('SW1A 2AA LONDON ROYAUME-UNI');
    expect(text).not.toMatch(codes);
  });

  it('produced before layout 4, render as they were: the seller’s ISO code, the client’s name from layout 2, its code before', async () => {
    const three = await pdfText(await renderer.letter(aLetterPdfData({ seller, client, layout: 3 })));
    expect(three).toContain('1000 BRUXELLES BE ');
    expect(three).toContain('SW1A 2AA LONDON ROYAUME-UNI');
    const one = await pdfText(await renderer.letter(aLetterPdfData({ seller, client })));
    expect(one).toContain('SW1A 2AA LONDON GB');
  });
});
