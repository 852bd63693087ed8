import { describe, expect, it } from 'vitest';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import type { QuotePdfData } from '../../../shared/app/ports.js';
import { aConsumerClient, aQuotePdfData, aQuoteRecord, eurosText, pdfText } from '../../fixtures/pdf-fixtures.js';

import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
const renderer = new ReactPdfRenderer(allDocumentTemplates);
const render = async (data: QuotePdfData) => pdfText(await renderer.quote(data));

describe('ReactPdfRenderer.quote', () => {
  it('renders a PDF titled "Devis" with its number, date and validity', async () => {
    const bytes = await renderer.quote(aQuotePdfData());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('Devis D-2026-0001');
    expect(text).toContain("Date d'émission : 01/10/2026");
    expect(text).toContain("Valable jusqu'au : 31/10/2026");
  });

  it('says "Devis (brouillon)" without a number', async () => {
    const text = await render(aQuotePdfData({ quote: aQuoteRecord({ number: undefined }) }));
    expect(text).toContain('Devis (brouillon)');
    expect(text).not.toContain('D-2026');
  });

  it('identifies the seller and the client', async () => {
    const text = await render(aQuotePdfData());
    for (const part of ['Menuiserie Dupont', 'SIREN 123456789', 'Boulangerie Martin SAS', '38000 GRENOBLE', 'SIREN 987654321']) {
      expect(text).toContain(part);
    }
  });

  it('prints the lines, the VAT breakdown and the totals', async () => {
    const text = await render(aQuotePdfData());
    expect(text).toContain(`Pose de fenêtres PVC 3 ${eurosText(45_000)} 10 % ${eurosText(135_000)}`);
    expect(text).toContain(`10 % ${eurosText(135_000)} ${eurosText(13_500)}`);
    expect(text).toContain(`Total HT ${eurosText(139_975)}`);
    expect(text).toContain(`Total TVA ${eurosText(14_495)}`);
    expect(text).toContain('Total TTC 1 544,70 €');
  });

  it('ends with the "Bon pour accord" signature block, prints notes and no invoice mentions', async () => {
    const text = await render(aQuotePdfData({ quote: aQuoteRecord({ notes: 'Délai de réalisation : 3 semaines.' }) }));
    expect(text).toContain('Délai de réalisation : 3 semaines.');
    expect(text).toContain('Bon pour accord — date et signature du client');
    expect(text).not.toMatch(/pénalité|Reste à payer|Facture/);
  });

  it('states the VAT exemption when every line is at 0 %', async () => {
    const quote = aQuoteRecord({ lines: [{ description: 'Étude', quantity: 1, unitPriceCents: 50_000, vatRate: 0 }] });
    const text = await render(aQuotePdfData({ quote, client: aConsumerClient() }));
    expect(text).toContain('TVA non applicable, art. 293 B du CGI');
    expect(text).toContain('Total TTC 500,00 €');
    expect(text).toContain('Mme Claire Bernard');
  });

  it('uses English labels when the language is en', async () => {
    const text = await render(aQuotePdfData({ language: 'en' }));
    expect(text).toContain('Quote D-2026-0001');
    expect(text).toContain('Valid until: 31/10/2026');
    expect(text).toContain('Total incl. VAT €1,544.70');
    expect(text).toContain("date and customer's signature");
  });
});
