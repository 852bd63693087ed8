/** "Rappel de l'échéancier" on reminder PDFs, and the penalty waiver honoured by the letter. */
import { describe, expect, it } from 'vitest';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import type { PlanOnDocument } from '../../../shared/domain/payment-plan.js';
import { aConsumerClient, aLetterPdfData, anInvoicePdfData, pdfText } from '../../fixtures/pdf-fixtures.js';

import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
const renderer = new ReactPdfRenderer(allDocumentTemplates);
const plan = (waivePenalties: boolean): PlanOnDocument => ({
  waivePenalties,
  rows: [
    { dueDate: '2026-12-10', amountCents: 50_000, paidCents: 50_000, dueCents: 0, status: 'paid' },
    { dueDate: '2027-01-10', amountCents: 50_000, paidCents: 20_000, dueCents: 30_000, status: 'late' },
    { dueDate: '2027-02-10', amountCents: 44_470, paidCents: 0, dueCents: 44_470, status: 'pending' },
  ],
});

describe('payment plans on reminder PDFs', () => {
  it('prints the plan on a reminder copy of the invoice: each instalment, what is still due, its status', async () => {
    const text = await pdfText(await renderer.invoice(anInvoicePdfData({ copy: true, paymentPlan: plan(false) })));
    expect(text).toContain("Rappel de l'échéancier");
    expect(text).toContain('1 / 3 10/12/2026 500,00 € 0,00 € Réglée');
    expect(text).toContain('2 / 3 10/01/2027 500,00 € 300,00 € En retard');
    expect(text).toContain('3 / 3 10/02/2027 444,70 € 444,70 € À venir');
    expect(text).not.toContain('nous renonçons');
  });

  it('says the penalties are waived when the owner waived them, and the letter then claims neither penalties nor the €40', async () => {
    expect(await pdfText(await renderer.invoice(anInvoicePdfData({ copy: true, paymentPlan: plan(true) })))).toContain('nous renonçons aux pénalités de retard');
    const claimed = await pdfText(await renderer.letter(aLetterPdfData({ penaltiesCents: 1_198, indemnityCents: 8_000, paymentPlan: plan(false) })));
    expect(claimed).toMatch(/Pénalités de retard arrêtées/);
    expect(claimed).toContain("Rappel de l'échéancier");
    const waived = await pdfText(await renderer.letter(aLetterPdfData({ penaltiesCents: 1_198, indemnityCents: 8_000, paymentPlan: plan(true) })));
    expect(waived).not.toMatch(/Pénalités de retard arrêtées|Indemnité forfaitaire pour frais de recouvrement \(/);
    expect(waived).not.toContain('continuent de courir');
    expect(waived).toContain('Total dû 1 644,70 €');
    expect(waived).toContain('nous renonçons aux pénalités de retard');
  });

  it('never speaks of penalties to a consumer, plan or not', async () => {
    const text = await pdfText(await renderer.letter(aLetterPdfData({ client: aConsumerClient(), paymentPlan: plan(true) })));
    expect(text).toContain("Rappel de l'échéancier");
    expect(text).not.toMatch(/pénalités/i);
  });

  it('prints the plan in English for an English client', async () => {
    const text = await pdfText(await renderer.invoice(anInvoicePdfData({ copy: true, language: 'en', paymentPlan: plan(false) })));
    expect(text).toContain('Your payment plan');
    expect(text).toContain('Late');
  });
});
