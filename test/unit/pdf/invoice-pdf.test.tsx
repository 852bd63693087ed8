import { describe, expect, it } from 'vitest';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import type { InvoicePdfData } from '../../../shared/app/ports.js';
import {
  aConsumerClient,
  anInvoicePdfData,
  anInvoiceRecord,
  aPayment,
  aSeller,
  eurosText,
  pdfText,
} from '../../fixtures/pdf-fixtures.js';

import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
import { linesDrawnOver, placedText } from '../../fixtures/pdf-layout.js';
const renderer = new ReactPdfRenderer(allDocumentTemplates);
const render = async (data: InvoicePdfData) => pdfText(await renderer.invoice(data));

describe('ReactPdfRenderer.invoice', () => {
  it('renders a PDF with the invoice number and French dates', async () => {
    const bytes = await renderer.invoice(anInvoicePdfData());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('Facture F-2026-0001');
    expect(text).toContain("Date d'émission : 23/10/2026");
    expect(text).toContain("Date d'échéance : 22/11/2026");
  });

  it('identifies the seller and the business client', async () => {
    const text = await render(anInvoicePdfData());
    for (const part of ['Menuiserie Dupont', 'SARL au capital de 10 000 €', '69003 LYON', 'SIREN 123456789', 'FR32123456789', 'contact@menuiserie-dupont.fr', '04 72 00 00 00']) {
      expect(text).toContain(part);
    }
    expect(text).toContain('Boulangerie Martin SAS');
    expect(text).toContain('38000 GRENOBLE');
    expect(text).toContain('SIREN 987654321');
  });

  it('prints each line, the VAT breakdown per rate and the totals', async () => {
    const text = await render(anInvoicePdfData());
    expect(text).toContain(`Pose de fenêtres PVC 3 ${eurosText(45_000)} 10 % ${eurosText(135_000)}`);
    expect(text).toContain(`Fourniture quincaillerie 2,5 ${eurosText(1_990)} 20 % ${eurosText(4_975)}`);
    expect(text).toContain(`20 % ${eurosText(4_975)} ${eurosText(995)}`);
    expect(text).toContain(`10 % ${eurosText(135_000)} ${eurosText(13_500)}`);
    expect(text).toContain(`Total HT ${eurosText(139_975)}`);
    expect(text).toContain(`Total TVA ${eurosText(14_495)}`);
    expect(text).toContain('Total TTC 1 544,70 €');
    expect(text).toContain('Reste à payer 1 544,70 €');
  });

  it('prints a quantity with its three decimals, so that quantity × unit price gives the line total', async () => {
    const invoice = anInvoiceRecord({ lines: [
      { description: 'Fournitures', quantity: 2.333, unitPriceCents: 1_299, vatRate: 20 },
      { description: 'Gravier', quantity: 0.125, unitPriceCents: 4_000, vatRate: 20 },
    ] });
    const text = await render(anInvoicePdfData({ invoice }));
    // 2.333 × 12,99 € = 30,31 €; printed "2,33" it read 2,33 × 12,99 € = 30,27 €.
    expect(text).toContain(`Fournitures 2,333 ${eurosText(1_299)} 20 % ${eurosText(3_031)}`);
    expect(text).toContain(`Gravier 0,125 ${eurosText(4_000)} 20 % ${eurosText(500)}`);
  });

  it('prints the payment terms, the penalty rate and the €40 indemnity for a business client', async () => {
    const text = await render(anInvoicePdfData({ penaltyRatePercent: 12.15 }));
    expect(text).toContain('Conditions de paiement : paiement au plus tard le 22/11/2026.');
    expect(text).toContain('Taux des pénalités de retard : 12,15 % par an');
    expect(text).toContain('Indemnité forfaitaire pour frais de recouvrement de 40,00 €');
    expect(text).toContain('Escompte pour paiement anticipé : néant.');
  });

  it('prints neither late penalties nor the €40 indemnity for a consumer (CPCE L111-8)', async () => {
    const client = aConsumerClient({ siren: '111222333' });
    const text = await render(anInvoicePdfData({ client, invoice: anInvoiceRecord({ clientKind: 'consumer' }) }));
    expect(text).toContain('Conditions de paiement : paiement au plus tard le 22/11/2026.');
    expect(text).not.toMatch(/pénalité/i);
    expect(text).not.toMatch(/indemnité/i);
    expect(text).not.toMatch(/recouvrement/i);
    expect(text).not.toContain('40,00 €');
    expect(text).toContain('Mme Claire Bernard');
    expect(text).not.toContain('111222333');
  });

  it('states the VAT exemption only when every line is at 0 %', async () => {
    const exempt = anInvoiceRecord({ lines: [{ description: 'Réparation', quantity: 1, unitPriceCents: 20_000, vatRate: 0 }] });
    const exemptText = await render(anInvoicePdfData({ invoice: exempt }));
    expect(exemptText).toContain('TVA non applicable, art. 293 B du CGI');
    expect(exemptText).toContain('Total TTC 200,00 €');
    expect(await render(anInvoicePdfData())).not.toContain('293 B');
  });

  it('prints the mention each reason for charging no VAT requires, never the franchise for a reverse charge or an intra-EU sale', async () => {
    const zero = [{ description: 'Pose de cloisons', quantity: 1, unitPriceCents: 200_000, vatRate: 0 as const }];
    const mentionOf = async (vatExemption: 'franchise' | 'construction_subcontracting' | 'eu_services' | 'eu_goods', language: 'fr' | 'en' = 'fr') =>
      render(anInvoicePdfData({ language, invoice: anInvoiceRecord({ lines: zero, vatExemption }) }));
    expect(await mentionOf('franchise')).toContain('TVA non applicable, art. 293 B du CGI');
    // Every line at 0 % printed "art. 293 B" whatever the reason: a false mention on a VAT-registered subcontractor's invoice.
    const subcontracting = await mentionOf('construction_subcontracting');
    expect(subcontracting).toContain('Autoliquidation : TVA due par le preneur (sous-traitance de travaux de construction, art. 283-2 nonies du CGI)');
    expect(subcontracting).not.toContain('293 B');
    expect(subcontracting).not.toContain('Détail de la TVA');
    const services = await mentionOf('eu_services');
    expect(services).toContain('Autoliquidation : TVA due par le preneur (art. 283-2 du CGI, art. 196 de la directive 2006/112/CE)');
    expect(services).not.toContain('293 B');
    expect(await mentionOf('eu_goods')).toContain('Exonération de TVA, art. 262 ter I du CGI (livraison intracommunautaire)');
    expect(await mentionOf('construction_subcontracting', 'en')).toContain('Autoliquidation (reverse charge): VAT due by the customer');
  });

  it('prints IBAN and BIC when the seller has them, and no bank block otherwise', async () => {
    expect(await render(anInvoicePdfData())).toContain('IBAN FR76 3000 6000 0112 3456 7890 189 BIC AGRIFRPP');
    const noBank = await render(anInvoicePdfData({ seller: aSeller({ iban: undefined, bic: undefined }) }));
    expect(noBank).not.toContain('IBAN');
  });

  it('marks a reminder copy as a duplicate and lists the payments received and the balance', async () => {
    const invoice = anInvoiceRecord({ paidCents: 80_000, status: 'partially_paid' });
    const payments = [
      aPayment({ id: 'p1', amountCents: 50_000, date: '2026-11-10', method: 'transfer' }),
      aPayment({ id: 'p2', amountCents: 30_000, date: '2026-11-20', method: 'cheque' }),
      aPayment({ id: 'p3', amountCents: 99_900, date: '2026-11-21', method: 'card', removedAt: '2026-11-22T08:00:00.000Z' }),
    ];
    const text = await render(anInvoicePdfData({ copy: true, invoice, payments }));
    expect(text).toContain('COPIE');
    expect(text).toContain('Duplicata — ne vaut pas nouvelle facture');
    expect(text).toContain('Facture F-2026-0001');
    expect(text).toContain('Paiements reçus');
    expect(text).toContain('10/11/2026 Virement 500,00 €');
    expect(text).toContain('20/11/2026 Chèque 300,00 €');
    expect(text).not.toContain('999,00 €');
    expect(text).toContain('Déjà réglé 800,00 €');
    expect(text).toContain('Reste à payer 744,70 €');
  });

  it('lists a year of weekly payments over as many pages as it takes, the first page of the copy left as it is', async () => {
    const payments = Array.from({ length: 52 }, (_, k) => aPayment({ id: `p${k}`, amountCents: 1_000, date: `2026-${String(1 + Math.floor(k / 5)).padStart(2, '0')}-${String(1 + (k % 5) * 6).padStart(2, '0')}`, method: k % 2 ? 'cheque' : 'transfer' }));
    const invoice = anInvoiceRecord({ paidCents: 52_000, status: 'partially_paid' });
    const bytes = await renderer.invoice(anInvoicePdfData({ copy: true, invoice, payments }));
    const { pages, items } = await placedText(bytes);
    // The payments table was one unbreakable block: past a page's height, react-pdf squeezed the whole first page
    // (seller, number, dates, client, lines and totals printed over each other) into it.
    expect(linesDrawnOver(items)).toEqual([]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = await pdfText(bytes);
    expect(text).toContain('01/01/2026 Virement 10,00 €');
    expect(text).toContain('07/11/2026 Chèque 10,00 €');
  });

  it('does not mark the original invoice as a copy nor list payments', async () => {
    const text = await render(anInvoicePdfData({ payments: [aPayment()] }));
    expect(text).not.toContain('COPIE');
    expect(text).not.toContain('Paiements reçus');
  });

  it('uses English labels when the language is en', async () => {
    const text = await render(anInvoicePdfData({ language: 'en' }));
    expect(text).toContain('Invoice F-2026-0001');
    expect(text).toContain('Due date: 22/11/2026');
    expect(text).toContain('Issue date: 23/10/2026');
    expect(text).not.toMatch(/ :/);
    expect(text).toContain('Total incl. VAT €1,544.70');
    expect(text).toContain('Amount due €1,544.70');
    expect(text).toContain('Late-payment penalty rate: 12.15% per year');
    expect(text).toContain('Fixed recovery fee of €40.00');
  });

  it('flows a long invoice over several pages with a page count', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({ description: `Prestation ${i + 1}`, quantity: 1, unitPriceCents: 1_000, vatRate: 20 as const }));
    const text = await render(anInvoicePdfData({ invoice: anInvoiceRecord({ lines }) }));
    expect(text).toContain('Prestation 60');
    // The lines header repeats on each page and the last page says it is the last.
    expect(text).toMatch(/Page 1 \/ ([2-9]) Désignation .* Page \1 \/ \1$/);
    expect(text).toContain('Total TTC 720,00 €');
  });
});
