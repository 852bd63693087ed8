import { describe, expect, it } from 'vitest';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import type { InvoiceLine } from '../../../shared/domain/invoice.js';
import { buildStatement } from '../../../shared/domain/statement.js';
import { breakLongWord, MAX_UNBROKEN_WORD } from '../../../templates/pdf/fonts.js';
import { A4_WIDTH, MM, placedText, type PlacedText } from '../../fixtures/pdf-layout.js';
import {
  aBusinessClient,
  aConsumerClient,
  aCreditNotePdfData,
  aLetterPdfData,
  anInvoicePdfData,
  anInvoiceRecord,
  aQuotePdfData,
  aQuoteRecord,
  aSeller,
  eurosText,
  pdfText,
} from '../../fixtures/pdf-fixtures.js';

import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
const renderer = new ReactPdfRenderer(allDocumentTemplates);

/** Names the built-in Helvetica (WinAnsi) cannot print. */
const NAMES = ['Łukasz Żółć', 'Παπαδόπουλος', 'Дмитрий Шостакович', 'ŒUVRES', 'œ'];
const unicodeClient = aBusinessClient({ name: `${NAMES.join(' ')} SARL` });

/** 80 characters without a space, as a pasted reference or URL would be. */
const LONG_WORD = ('Référence' + '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(3)).slice(0, 80);
const BIG = 123_456_789; // 1 234 567,89 €: the widest amount a line will print
const lines: InvoiceLine[] = [
  { description: `Pose ${LONG_WORD} fenêtres`, quantity: 1, unitPriceCents: BIG, vatRate: 20 },
  { description: 'Fourniture quincaillerie', quantity: 2.5, unitPriceCents: 1_990, vatRate: 10 },
];

/** The lines table: 40 pt page margins, description column 46 % of the content width (templates/pdf/invoice-tables.tsx). */
const DESCRIPTION_RIGHT = 40 + 0.46 * (A4_WIDTH - 80);

const embedsDejaVuOnly = (bytes: Uint8Array): void => {
  const raw = Buffer.from(bytes).toString('latin1');
  const baseFonts = [...raw.matchAll(/\/BaseFont \/([A-Za-z+-]+)/g)].map((m) => m[1]!.replace(/^[A-Z]{6}\+/, ''));
  expect(new Set(baseFonts)).toEqual(new Set(['DejaVuSans', 'DejaVuSans-Bold']));
  expect(raw).toContain('/FontFile2'); // the TrueType program is embedded, not referenced
};

/** The long word's pieces: every text run that starts in the description column stays inside it. */
const expectDescriptionWraps = (items: PlacedText[]): void => {
  const inColumn = items.filter((item) => item.x < DESCRIPTION_RIGHT - 1 && item.y < 600 && item.y > 470);
  // Broken over several lines, each ending with the hyphen the line breaker adds, nothing lost.
  expect(inColumn.filter((item) => item.text.endsWith('-')).length).toBeGreaterThanOrEqual(1);
  expect(inColumn.map((item) => item.text.replace(/-$/, '')).join('')).toContain(LONG_WORD);
  for (const item of inColumn) expect(item.x + item.width, item.text).toBeLessThanOrEqual(DESCRIPTION_RIGHT + 0.01);
  // The amount of the same line prints whole, right of the column, on the line's first row.
  const amounts = items.filter((item) => item.text === eurosText(BIG));
  expect(amounts.length).toBeGreaterThanOrEqual(2);
  for (const amount of amounts.filter((a) => a.y > 470 && a.y < 600)) expect(amount.x).toBeGreaterThan(DESCRIPTION_RIGHT);
};

describe('PDF documents in DejaVu Sans', () => {
  it('embeds DejaVu Sans and prints Polish, Greek and Cyrillic client names on the invoice', async () => {
    const bytes = await renderer.invoice(anInvoicePdfData({ client: unicodeClient }));
    embedsDejaVuOnly(bytes);
    const text = await pdfText(bytes);
    for (const name of NAMES) expect(text).toContain(name);
  });

  it('wraps an 80-character word of a line description inside its column, amounts intact, on one page', async () => {
    const bytes = await renderer.invoice(anInvoicePdfData({ client: unicodeClient, invoice: anInvoiceRecord({ lines }) }));
    const { pages, items } = await placedText(bytes);
    expect(pages).toBe(1);
    expectDescriptionWraps(items);
  });

  it('does the same on a quote', async () => {
    const bytes = await renderer.quote(aQuotePdfData({ client: unicodeClient, quote: aQuoteRecord({ lines }) }));
    embedsDejaVuOnly(bytes);
    const { items } = await placedText(bytes);
    expectDescriptionWraps(items);
    const text = await pdfText(bytes);
    for (const name of NAMES) expect(text).toContain(name);
  });

  it('keeps a long total label clear of its amount on a credit note (English, bold 11 pt)', async () => {
    const bytes = await renderer.creditNote(aCreditNotePdfData({ client: unicodeClient, language: 'en' }));
    embedsDejaVuOnly(bytes);
    const { items } = await placedText(bytes);
    const amount = items.find((item) => item.text === '€1,544.70' && item.x > 400);
    const label = items.find((item) => item.text.startsWith('Credit note total'));
    expect(amount).toBeDefined();
    expect(label).toBeDefined();
    expect(label!.x + label!.width).toBeLessThan(amount!.x);
    const text = await pdfText(bytes);
    for (const name of NAMES) expect(text).toContain(name);
  });

  it('prints a Greek consumer name with a long word inside the envelope window of the letter', async () => {
    const client = aConsumerClient({ name: `Ελένη Κωνσταντινίδου ${LONG_WORD}` });
    const bytes = await renderer.letter(aLetterPdfData({ client }));
    embedsDejaVuOnly(bytes);
    const { pages, items } = await placedText(bytes);
    expect(pages).toBe(1);
    expect((await pdfText(bytes))).toContain('Ελένη Κωνσταντινίδου');
    const windowItems = items.filter((item) => item.x > 104 * MM && item.x < 106 * MM);
    expect(windowItems.length).toBeGreaterThanOrEqual(3);
    for (const item of windowItems) expect(item.x + item.width, item.text).toBeLessThanOrEqual(190 * MM + 0.01);
    for (const item of items) expect(item.x + item.width, item.text).toBeLessThanOrEqual(A4_WIDTH - 40 + 0.01);
  });
});

describe('the statement of account in DejaVu Sans', () => {
  it('prints a Cyrillic client name and keeps a long payment reference inside its column', async () => {
    const client = aBusinessClient({ name: 'ООО Дмитрий Шостакович и Łukasz' });
    const statement = {
      ...buildStatement(
        [{ id: 'inv-1', number: 'F-2026-0001', issueDate: '2026-10-01', dueDate: '2026-10-31', billedCents: BIG, credits: [], payments: [{ id: 'p1', amountCents: 10_000, date: '2026-10-15', method: 'transfer', reference: LONG_WORD }] }],
        '2026-11-25',
      ),
      client: { id: client.id, name: client.name },
      currency: 'EUR' as const,
    };
    const bytes = await renderer.statement({ seller: aSeller(), client, statement, language: 'fr' });
    embedsDejaVuOnly(bytes);
    const text = await pdfText(bytes);
    expect(text).toContain('ООО Дмитрий Шостакович и Łukasz');
    // A payment says which invoice it pays and how, in the document's language (not the API's `transfer`).
    expect(text).toContain('Règlement F-2026-0001 · Virement');
    expect(text).not.toContain('transfer');
    // Movement column: 14 % + 38 % of the content width from the left margin (templates/pdf/statement-document.tsx).
    const entryRight = 40 + 0.52 * (A4_WIDTH - 80);
    const { items } = await placedText(bytes);
    const pieces = items.filter((item) => item.x < entryRight && item.x > 40 + 0.14 * (A4_WIDTH - 80) - 1 && /[0-9A-Z]{6}/.test(item.text));
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    for (const piece of pieces) expect(piece.x + piece.width, piece.text).toBeLessThanOrEqual(entryRight + 0.01);
  });
});

describe('breakLongWord', () => {
  it('never breaks an amount, a date or an ordinary French word', () => {
    for (const word of [eurosText(99_999_999_999).replace(/ /g, '\u00a0'), '22/11/2026', 'anticonstitutionnel', 'F-2026-0001']) {
      expect(breakLongWord(word)).toEqual([word]);
    }
  });

  it('lets a word longer than the limit break after any character, losing none', () => {
    const word = 'x'.repeat(MAX_UNBROKEN_WORD + 1);
    expect(breakLongWord(word)).toHaveLength(word.length);
    expect(breakLongWord(LONG_WORD).join('')).toBe(LONG_WORD);
    expect(breakLongWord('Παπαδόπουλος'.repeat(2))).toEqual(Array.from('Παπαδόπουλος'.repeat(2)));
  });
});
