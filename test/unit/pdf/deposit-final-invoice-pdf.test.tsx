import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { invoiceTotals } from '../../../shared/domain/invoice.js';
import { depositLines } from '../../../shared/domain/quote.js';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import type { InvoicePdfData } from '../../../shared/app/ports.js';
import {
  aDepositInvoiceRecord,
  aFinalInvoiceRecord,
  anInvoicePdfData,
  anInvoiceRecord,
  aPayment,
  eurosText,
  pdfText,
} from '../../fixtures/pdf-fixtures.js';

import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
const renderer = new ReactPdfRenderer(allDocumentTemplates);
const render = async (data: InvoicePdfData) => pdfText(await renderer.invoice(data));

describe('ReactPdfRenderer.invoice — deposit invoice (facture d\'acompte)', () => {
  it('is titled "Facture d\'acompte" with its number and names the quote', async () => {
    const text = await render(anInvoicePdfData({ invoice: aDepositInvoiceRecord() }));
    expect(text).toContain("Facture d'acompte F-2026-0001");
    expect(text).toContain('Acompte sur devis D-2026-0001');
    expect(text).toContain("Date d'émission : 15/06/2026");
  });

  it('keeps the invoice mentions, the VAT breakdown and the totals', async () => {
    const text = await render(anInvoicePdfData({ invoice: aDepositInvoiceRecord() }));
    expect(text).toContain('Conditions de paiement : paiement au plus tard le 30/06/2026.');
    expect(text).toContain('Taux des pénalités de retard');
    expect(text).toContain(`20 % ${eurosText(300_000)} ${eurosText(60_000)}`);
    expect(text).toContain(`Total TTC ${eurosText(360_000)}`);
    expect(text).toContain(`Reste à payer ${eurosText(360_000)}`);
    expect(text).not.toContain('Acomptes déduits');
  });

  it('is a reminder copy like any invoice', async () => {
    const invoice = aDepositInvoiceRecord({ paidCents: 100_000, status: 'partially_paid' });
    const text = await render(anInvoicePdfData({ copy: true, invoice, payments: [aPayment({ amountCents: 100_000, date: '2026-06-20' })] }));
    expect(text).toContain('COPIE');
    expect(text).toContain("Facture d'acompte F-2026-0001");
    expect(text).toContain('20/06/2026 Virement 1 000,00 €');
    expect(text).toContain(`Reste à payer ${eurosText(260_000)}`);
  });

  it('keeps "(TVA 20 %)" and "30 %" whole on their line: no-break spaces, as French typography wants', async () => {
    const quote = invoiceTotals([
      { description: 'Main d’œuvre', quantity: 12.5, unitPriceCents: 4_850, vatRate: 10 },
      { description: 'Matériel', quantity: 1, unitPriceCents: 123_456, vatRate: 20 },
      { description: 'Isolation', quantity: 20.75, unitPriceCents: 1_999, vatRate: 5.5 },
    ]);
    const lines = depositLines(quote, { percent: 30 }, 'D-2026-0001');
    const invoice = aDepositInvoiceRecord({ lines, totals: invoiceTotals(lines) });
    const bytes = await renderer.invoice(anInvoicePdfData({ invoice }));
    const { text } = await extractText(await getDocumentProxy(bytes.slice()), { mergePages: true });
    // The description column ended a line between "20" and "%" (a plain space) on this very label.
    for (const rate of ['20', '10', '5,5']) expect(text).toMatch(new RegExp(`\\(TVA[ \u00a0]${rate}[ \u00a0]%\\)`));
    expect(text).toMatch(/Acompte de 30[ \u00a0]% sur/);
  });

  it('uses English labels when the language is en', async () => {
    const text = await render(anInvoicePdfData({ invoice: aDepositInvoiceRecord(), language: 'en' }));
    expect(text).toContain('Deposit invoice F-2026-0001');
    expect(text).toContain('Deposit on quote D-2026-0001');
  });

  it('leaves a standard invoice without quote reference', async () => {
    const text = await render(anInvoicePdfData({ invoice: anInvoiceRecord({ quoteNumber: 'D-2026-0009' }) }));
    expect(text).not.toContain('D-2026-0009');
    expect(text).not.toContain("d'acompte");
  });
});

describe('ReactPdfRenderer.invoice — final invoice (CGI 289)', () => {
  it('names the quote and lists each deposit invoice deducted, then the net to pay', async () => {
    const text = await render(anInvoicePdfData({ invoice: aFinalInvoiceRecord() }));
    expect(text).toContain('Facture F-2026-0004');
    expect(text).toContain('Facture de solde — devis D-2026-0001');
    expect(text).toContain(`Total TTC ${eurosText(1_200_000)}`);
    expect(text).toContain('Acomptes déduits');
    expect(text).toContain(`F-2026-0001 15/06/2026 ${eurosText(300_000)} ${eurosText(60_000)} ${eurosText(360_000)}`);
    expect(text).toContain(`Total acomptes ${eurosText(360_000)}`);
    expect(text).toContain('Net à payer 8 400,00 €');
    // Deductions come after the totals; without payments the net to pay is the last figure.
    expect(text.indexOf('Total TTC')).toBeLessThan(text.indexOf('Acomptes déduits'));
    expect(text).not.toContain('Reste à payer');
  });

  it('gives the VAT per rate it still bills once the deposits are deducted, rate by rate (a mixed-rate job)', async () => {
    const lines = [
      { description: 'Main d’œuvre', quantity: 12.5, unitPriceCents: 4_850, vatRate: 10 as const },
      { description: 'Matériel', quantity: 1, unitPriceCents: 123_456, vatRate: 20 as const },
      { description: 'Isolation', quantity: 20.75, unitPriceCents: 1_999, vatRate: 5.5 as const },
    ];
    const deposit = invoiceTotals(depositLines(invoiceTotals(lines), { percent: 30 }, 'D-2026-0001'));
    const invoice = aFinalInvoiceRecord({
      lines,
      totals: invoiceTotals(lines),
      deductions: [{ invoiceId: 'd1', number: 'F-2026-0001', issueDate: '2026-06-15', netCents: deposit.netCents, vatCents: deposit.vatCents, grossCents: deposit.grossCents, vatBreakdown: deposit.vatBreakdown }],
    });
    const text = await render(anInvoicePdfData({ invoice }));
    // It printed the job's VAT per rate and the deposit's total VAT, never what remains due at each rate.
    expect(text).toContain(
      `TVA après déduction des acomptes TVA Base HT Montant TVA 20 % ${eurosText(86_419)} ${eurosText(17_284)} 10 % ${eurosText(42_437)} ${eurosText(4_244)} 5,5 % ${eurosText(29_035)} ${eurosText(1_597)}`,
    );
    expect(text).toContain(`Net à payer ${eurosText(258_595 - 77_579)}`);
    expect(86_419 + 17_284 + 42_437 + 4_244 + 29_035 + 1_597).toBe(258_595 - 77_579);
  });

  it('gives it for a single-rate job whose deposits were recorded without their rows, and says it in English', async () => {
    expect(await render(anInvoicePdfData({ invoice: aFinalInvoiceRecord() }))).toContain(`TVA après déduction des acomptes TVA Base HT Montant TVA 20 % ${eurosText(700_000)} ${eurosText(140_000)}`);
    expect(await render(anInvoicePdfData({ invoice: aFinalInvoiceRecord(), language: 'en' }))).toContain(`VAT after deposits deducted`);
  });

  it('lists several deposits and deducts their sum', async () => {
    const invoice = aFinalInvoiceRecord({
      deductions: [
        { invoiceId: 'd1', number: 'F-2026-0001', issueDate: '2026-06-15', netCents: 300_000, vatCents: 60_000, grossCents: 360_000 },
        { invoiceId: 'd2', number: 'F-2026-0002', issueDate: '2026-08-01', netCents: 200_000, vatCents: 40_000, grossCents: 240_000 },
      ],
    });
    const text = await render(anInvoicePdfData({ invoice }));
    expect(text).toContain('F-2026-0001 15/06/2026');
    expect(text).toContain('F-2026-0002 01/08/2026');
    expect(text).toContain(`Total acomptes ${eurosText(600_000)}`);
    expect(text).toContain(`Net à payer ${eurosText(600_000)}`);
  });

  it('keeps the balance as the last figure of a reminder copy with payments', async () => {
    const invoice = aFinalInvoiceRecord({ paidCents: 400_000, status: 'partially_paid' });
    const data = anInvoicePdfData({ copy: true, invoice, payments: [aPayment({ amountCents: 400_000, date: '2026-11-10' })] });
    expect(data.balanceCents).toBe(440_000);
    const text = await render(data);
    expect(text).toContain('COPIE');
    expect(text).toContain(`Net à payer ${eurosText(840_000)} Déjà réglé ${eurosText(400_000)} Reste à payer ${eurosText(440_000)}`);
    expect(text.lastIndexOf('Reste à payer')).toBeGreaterThan(text.lastIndexOf('Net à payer'));
  });

  it('uses English labels when the language is en', async () => {
    const text = await render(anInvoicePdfData({ invoice: aFinalInvoiceRecord(), language: 'en' }));
    expect(text).toContain('Invoice F-2026-0004');
    expect(text).toContain('Final invoice — quote D-2026-0001');
    expect(text).toContain('Deposits deducted');
    expect(text).toContain(`Total deposits ${eurosText(360_000, 'en')}`);
    expect(text).toContain('Net to pay €8,400.00');
  });
});
