import { describe, expect, it } from 'vitest';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import type { LetterPdfData } from '../../../templates/pdf/letter-types.js';
import { aBusinessClient, aConsumerClient, aLetterPdfData, aSeller, pdfText } from '../../fixtures/pdf-fixtures.js';
import { A4_WIDTH, MM, placedText, type PlacedText } from '../../fixtures/pdf-layout.js';
import { postalCountryName } from '../../../templates/pdf/format.js';

import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
const renderer = new ReactPdfRenderer(allDocumentTemplates);
const render = async (data: LetterPdfData) => pdfText(await renderer.letter(data));

describe('ReactPdfRenderer.letter', () => {
  it('renders the same bytes every time from the same data (a letter step keeps its SHA-256)', async () => {
    const [a, b] = [await renderer.letter(aLetterPdfData()), await renderer.letter(aLetterPdfData())];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(await renderer.letter(aLetterPdfData({ date: '2026-12-18' }))).equals(Buffer.from(a))).toBe(false);
  });

  it('prints the EPC QR code of the balance when the letter carries one, and renders a letter recorded without it as before', async () => {
    const payload = 'BCD\n002\n1\nSCT\n\nMenuiserie Dupont\nFR7630006000011234567890189\nEUR1644.70\n\n\nF-2026-0001, F-2026-0007';
    const withQr = await renderer.letter(aLetterPdfData({ epcPayload: payload }));
    const text = await pdfText(withQr);
    expect(text).toContain('Scannez le QR code avec votre application bancaire pour payer le solde par virement.');
    // Beside the totals, in the space they leave: the letter still holds on one page.
    expect(text).toContain('Page 1 / 1');
    const without = await renderer.letter(aLetterPdfData());
    expect(await pdfText(without)).not.toContain('QR code');
    expect(Buffer.from(withQr).equals(Buffer.from(without))).toBe(false);
  });

  it('never claims earlier reminders on a first notice (the client was never reminded), and renders a letter recorded before as it was', async () => {
    const first = await render(aLetterPdfData({ firstNotice: true }));
    expect(first).not.toContain('Malgré nos précédentes relances');
    expect(first).toContain('Sauf erreur de notre part, les sommes suivantes dues par Boulangerie Martin SAS à Menuiserie Dupont restent impayées');
    expect(await render(aLetterPdfData())).toContain('Malgré nos précédentes relances');
    const en = await render(aLetterPdfData({ firstNotice: true, language: 'en' }));
    expect(en).not.toContain('Despite our previous reminders');
    expect(en).toContain('Unless we are mistaken');
  });

  it('says it is a mise en demeure de payer, names both parties and is dated', async () => {
    const bytes = await renderer.letter(aLetterPdfData());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('mise en demeure de payer');
    expect(text).toContain('Menuiserie Dupont');
    expect(text).toContain('Boulangerie Martin SAS 5 place du Marché 38000 GRENOBLE');
    expect(text).toContain('Lyon, le 17/12/2026');
    expect(text).toContain('Lettre recommandée avec accusé de réception');
  });

  it('lists every invoice with its date, due date, amount, payments and balance', async () => {
    const text = await render(aLetterPdfData());
    expect(text).toContain('F-2026-0001 23/10/2026 22/11/2026 1 544,70 € 500,00 € 1 044,70 €');
    expect(text).toContain('F-2026-0007 02/11/2026 02/12/2026 600,00 € 0,00 € 600,00 €');
  });

  it('claims accrued penalties and €40 per invoice from a business, with a deadline and the court next step', async () => {
    const text = await render(aLetterPdfData({ penaltiesCents: 1_198, indemnityCents: 8_000 }));
    expect(text).toContain('Total des factures impayées 1 644,70 €');
    expect(text).toMatch(/Pénalités de retard arrêtées au 17\/12\/2026 .* 11,98 €/);
    expect(text).toMatch(/Indemnité forfaitaire pour frais de recouvrement \(40,00 € × 2, .*\) 80,00 €/);
    expect(text).toContain('Total dû 1 736,68 €');
    expect(text).toContain('nous vous mettons en demeure de payer la somme de 1 736,68 € dans un délai de 8 jours');
    expect(text).toContain('Modalités de paiement : virement sur IBAN FR76');
    expect(text).toContain('injonction de payer');
    expect(text).toContain('procédure simplifiée de recouvrement des petites créances');
  });

  it('details each invoice of a letter: days late, and for a business its own penalties and €40', async () => {
    const invoices = [
      { number: 'F-2026-0001', issueDate: '2026-10-23', dueDate: '2026-11-22', grossCents: 154_470, paidCents: 50_000, balanceCents: 104_470, daysLate: 25, penaltiesCents: 870, indemnityCents: 4_000 },
      { number: 'F-2026-0007', issueDate: '2026-11-02', dueDate: '2026-12-02', grossCents: 60_000, paidCents: 0, balanceCents: 60_000, daysLate: 15, penaltiesCents: 328, indemnityCents: 4_000 },
    ];
    const text = await render(aLetterPdfData({ invoices }));
    expect(text).toContain('Détail par facture Facture Échéance Retard Reste dû Pénalités Indemnité');
    expect(text).toContain('F-2026-0001 22/11/2026 25 j 1 044,70 € 8,70 € 40,00 €');
    expect(text).toContain('F-2026-0007 02/12/2026 15 j 600,00 € 3,28 € 40,00 €');
    // A consumer's letter says how late, never a fee.
    const consumer = await render(aLetterPdfData({ client: aConsumerClient(), invoices }));
    expect(consumer).toContain('F-2026-0001 22/11/2026 25 j 1 044,70 €');
    expect(consumer).not.toContain('8,70 €');
    expect(consumer).not.toMatch(/pénalité|indemnité/i);
    // A letter recorded before per-invoice details renders as it did (its recorded hash still holds).
    expect(await render(aLetterPdfData())).not.toContain('Détail par facture');
  });

  it('offers the simplified small-claims procedure only up to €5,000', async () => {
    const big = aLetterPdfData({
      invoices: [{ number: 'F-2026-0042', issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 600_000, paidCents: 0, balanceCents: 600_000 }],
      indemnityCents: 4_000,
    });
    const text = await render(big);
    expect(text).toContain('injonction de payer');
    expect(text).not.toContain('petites créances');
  });

  it('never claims fees or penalties from a consumer, even when the data carries them', async () => {
    const text = await render(aLetterPdfData({ client: aConsumerClient(), penaltiesCents: 1_198, indemnityCents: 8_000 }));
    expect(text).toContain('mise en demeure de payer');
    expect(text).toContain('Mme Claire Bernard');
    expect(text).not.toMatch(/pénalité/i);
    expect(text).not.toMatch(/indemnité/i);
    expect(text).not.toMatch(/frais de recouvrement/i);
    expect(text).not.toContain('11,98 €');
    expect(text).not.toContain('80,00 €');
    expect(text).toContain('Total dû 1 644,70 €');
    expect(text).toContain('régler la somme de 1 644,70 € dans un délai de 8 jours');
  });

  it('gives a consumer legal-rate interest from receipt, a contact and a payment plan', async () => {
    const text = await render(aLetterPdfData({ client: aConsumerClient() }));
    expect(text).toContain('intérêts au taux légal à compter de la réception de cette lettre');
    expect(text).toContain('contactez-nous (04 72 00 00 00 · contact@menuiserie-dupont.fr)');
    expect(text).toContain('échéancier de paiement');
    expect(text).not.toContain('sans autre avis');
  });

  it('falls back to the postal address as the consumer contact when there is no phone or email', async () => {
    const seller = aSeller({ phone: undefined, email: undefined });
    const text = await render(aLetterPdfData({ client: aConsumerClient(), seller }));
    expect(text).toContain('contactez-nous (12 rue des Artisans, 69003 LYON)');
  });

  it('uses English wording, keeping the French legal term', async () => {
    const text = await render(aLetterPdfData({ language: 'en' }));
    expect(text).toContain('formal notice to pay (mise en demeure de payer)');
    expect(text).toContain('within 8 days of receipt');
    expect(text).toContain('F-2026-0001');
    expect(text).toContain('F-2026-0007');
    expect(text).toContain('Total due €1,736.68');
  });
  describe('layout of a letter with the QR code beside its totals', () => {
    const payload = 'BCD\n002\n1\nSCT\nAGRIFRPP\nMenuiserie Dupont\nFR7630006000011234567890189\nEUR449.19\n\n\nF-2026-0003';
    // As the letter step records it today: one invoice 69 days late, the semester's rate not published yet.
    const oneInvoice = (overrides: Partial<LetterPdfData> = {}) =>
      aLetterPdfData({
        invoices: [{ number: 'F-2026-0003', issueDate: '2026-09-03', dueDate: '2026-10-03', grossCents: 40_000, paidCents: 0, balanceCents: 40_000, daysLate: 69, penaltiesCents: 919, indemnityCents: 4_000 }],
        penaltiesCents: 919,
        penaltyRateSource: 'estimated',
        indemnityCents: 4_000,
        date: '2026-12-11',
        paymentInstructions: 'Règlement par virement : IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP, référence F-2026-0003.',
        epcPayload: payload,
        layout: 2,
        ...overrides,
      });
    const twoInvoices = () =>
      oneInvoice({
        invoices: [
          { number: 'F-2026-0001', issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 144_000, paidCents: 0, balanceCents: 144_000, daysLate: 71, penaltiesCents: 3_403, indemnityCents: 4_000 },
          { number: 'F-2026-0002', issueDate: '2026-09-02', dueDate: '2026-10-02', grossCents: 6_000, paidCents: 0, balanceCents: 6_000, daysLate: 70, penaltiesCents: 140, indemnityCents: 4_000 },
        ],
        penaltiesCents: 3_543,
        indemnityCents: 8_000,
      });
    // The body's right edge: the page's 40 pt padding and the body's 6 mm margin.
    const rightEdge = A4_WIDTH - 40 - 6 * MM;
    const body = (items: readonly PlacedText[]) => items.filter((i) => i.y > 40);
    const overlaps = (items: readonly PlacedText[]) => {
      const found: string[] = [];
      for (const a of items)
        for (const b of items) if (a !== b && a.page === b.page && Math.abs(a.y - b.y) < 2 && a.x < b.x && a.x + a.width > b.x + 0.5) found.push(`${a.text} / ${b.text}`);
      return found;
    };

    it.each([
      ['one invoice', oneInvoice],
      ['two invoices', twoInvoices],
    ])('%s: the totals keep within the margins, amounts clear of their labels, the rate note whole', async (_, data) => {
      const bytes = await renderer.letter(data());
      const { items } = await placedText(bytes);
      expect(body(items).filter((i) => i.x + i.width > rightEdge + 0.5).map((i) => `${i.text} (${(i.x + i.width).toFixed(1)} pt)`)).toEqual([]);
      expect(overlaps(body(items))).toEqual([]);
      expect(await pdfText(bytes)).toContain("le dernier taux connu est appliqué ; le montant sera ajusté.");
    });

    it('a one-invoice letter holds on one page; a longer one never leaves the signature alone on its last page', async () => {
      expect(await pdfText(await renderer.letter(oneInvoice()))).toContain('Page 1 / 1');
      const { pages, items } = await placedText(await renderer.letter(twoInvoices()));
      const closing = items.find((i) => i.text.startsWith('Veuillez agréer'))!;
      const signature = items.filter((i) => i.text === 'Menuiserie Dupont' && i.y > 40).at(-1)!;
      expect(signature.page).toBe(closing.page);
      expect(pages).toBeLessThanOrEqual(2);
    });

    it('a letter listing 40 invoices (the most a grouped one lists) breaks its detail over pages, never squeezing a page', async () => {
      const invoices = Array.from({ length: 40 }, (_, k) => ({ number: `F-2026-${String(k + 1).padStart(4, '0')}`, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 10_000 + k, paidCents: 0, balanceCents: 10_000 + k, daysLate: 57, penaltiesCents: 190, indemnityCents: 4_000 }));
      const { items } = await placedText(await renderer.letter(oneInvoice({ invoices, penaltiesCents: 7_600, indemnityCents: 160_000, layout: 3 })));
      // The detail table (40 rows) was one unbreakable block taller than a page: react-pdf squeezed its page, the rows
      // 10 pt apart with their rules through the text. Rows of 9 pt text with their padding stand 14 pt apart at least.
      const rows = items.filter((i) => /^F-2026-00\d\d$/.test(i.text)).sort((a, b) => a.page - b.page || b.y - a.y);
      expect(rows.length).toBeGreaterThanOrEqual(80);
      const squeezed = rows.slice(1).filter((r, k) => r.page === rows[k]!.page && rows[k]!.y - r.y < 14).map((r) => `${r.text} p${r.page}`);
      expect(squeezed).toEqual([]);
    });

    it("names a client's foreign country in capital letters on the address's last line, as La Poste asks of international mail, never its ISO code", async () => {
      const abroad = aBusinessClient({ name: 'Boulangerie Lambert SRL', address: { line1: 'Rue Neuve 12', postalCode: '1000', city: 'Bruxelles', country: 'BE' } });
      const { items } = await placedText(await renderer.letter(oneInvoice({ client: abroad })));
      const window = items.filter((i) => i.page === 1 && i.x > 290 && i.y > 640 && i.y < 700).map((i) => i.text);
      expect(window).toEqual(['Boulangerie Lambert SRL', 'Rue Neuve 12', '1000 BRUXELLES', 'BELGIQUE']);
      const en = (await placedText(await renderer.letter(oneInvoice({ client: { ...abroad, language: 'en' }, language: 'en' })))).items;
      expect(en.some((i) => i.text === 'BELGIUM')).toBe(true);
      // A code no country has (an import) is printed as it is, never "RÉGION INCONNUE" nor a failed letter.
      expect(['GB', 'ch', '12', 'ZZ', 'XX'].map(postalCountryName('fr'))).toEqual(['ROYAUME-UNI', 'SUISSE', '12', 'ZZ', 'XX']);
    });

    it('a letter recorded before this layout renders as it was produced (its recorded SHA-256 still holds)', async () => {
      const { layout: _layout, ...recorded } = oneInvoice();
      const before = await placedText(await renderer.letter(recorded));
      // The totals were laid out wider than the space beside the QR code: the amounts stood past the body's right edge.
      expect(Math.max(...body(before.items).map((i) => i.x + i.width))).toBeGreaterThan(rightEdge + 20);
      expect(Buffer.from(await renderer.letter(recorded)).equals(Buffer.from(await renderer.letter(oneInvoice())))).toBe(false);
    });
  });
});
