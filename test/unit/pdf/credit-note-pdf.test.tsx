import { describe, expect, it } from 'vitest';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import type { CreditNotePdfData } from '../../../shared/app/ports.js';
import { aConsumerClient, aCreditNotePdfData, aCreditNoteRecord, eurosText, pdfText } from '../../fixtures/pdf-fixtures.js';

import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
const renderer = new ReactPdfRenderer(allDocumentTemplates);
const render = async (data: CreditNotePdfData) => pdfText(await renderer.creditNote(data));

describe('ReactPdfRenderer.creditNote', () => {
  it('renders a PDF titled "Avoir" with its number, date and the invoice it refers to', async () => {
    const bytes = await renderer.creditNote(aCreditNotePdfData());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('Avoir A-2026-0001');
    expect(text).toContain("Date d'émission : 05/11/2026");
    expect(text).toContain('Avoir sur la facture F-2026-0003 du 23/10/2026');
    expect(text).toContain('Motif : Commande annulée par le client');
  });

  it('says "Annulation totale" for a full credit note and prints its amounts by VAT rate', async () => {
    const text = await render(aCreditNotePdfData());
    expect(text).toContain('Annulation totale');
    expect(text).not.toContain('Avoir partiel');
    expect(text).toContain('Montants par taux de TVA');
    expect(text).toContain(`20 % ${eurosText(4_975)} ${eurosText(995)}`);
    expect(text).toContain(`10 % ${eurosText(135_000)} ${eurosText(13_500)}`);
    expect(text).toContain(`Total HT ${eurosText(139_975)}`);
    expect(text).toContain(`Total TVA ${eurosText(14_495)}`);
    expect(text).toContain("Montant de l'avoir TTC 1 544,70 €");
  });

  it('says "Avoir partiel" for a partial credit note with its own amounts', async () => {
    const creditNote = aCreditNoteRecord({
      lines: [{ description: 'Remise geste commercial', quantity: 1, unitPriceCents: 10_000, vatRate: 10 }],
      reason: 'Geste commercial',
    });
    const text = await render(aCreditNotePdfData({ creditNote }));
    expect(text).toContain('Avoir partiel');
    expect(text).not.toContain('Annulation totale');
    expect(text).toContain(`10 % ${eurosText(10_000)} ${eurosText(1_000)}`);
    expect(text).toContain("Montant de l'avoir TTC 110,00 €");
  });

  it('identifies both parties and prints no payment terms or late-payment mentions', async () => {
    const text = await render(aCreditNotePdfData());
    for (const part of ['Menuiserie Dupont', 'SIREN 123456789', 'Boulangerie Martin SAS', '38000 GRENOBLE']) {
      expect(text).toContain(part);
    }
    expect(text).not.toMatch(/pénalité|indemnité|recouvrement|Conditions de paiement|Reste à payer/i);
    const consumer = await render(aCreditNotePdfData({ client: aConsumerClient() }));
    expect(consumer).toContain('Mme Claire Bernard');
  });

  it('repeats the credited invoice’s VAT mention: "Autoliquidation" for a reverse charge, never the franchise', async () => {
    const lines = [{ description: 'Pose de cloisons', quantity: 1, unitPriceCents: 200_000, vatRate: 0 as const }];
    const reverse = await render(aCreditNotePdfData({ creditNote: aCreditNoteRecord({ lines, vatExemption: 'construction_subcontracting' }) }));
    expect(reverse).toContain('Autoliquidation : TVA due par le preneur');
    expect(reverse).not.toContain('293 B');
    expect(await render(aCreditNotePdfData({ creditNote: aCreditNoteRecord({ lines }) }))).toContain('TVA non applicable, art. 293 B du CGI');
  });

  it('uses English labels when the language is en', async () => {
    const text = await render(aCreditNotePdfData({ language: 'en' }));
    expect(text).toContain('Credit note A-2026-0001');
    expect(text).toContain('Credit note against invoice F-2026-0003 of 23/10/2026');
    expect(text).toContain('Full cancellation');
    expect(text).toContain('Credit note total incl. VAT €1,544.70');
  });
});
