import { describe, expect, it } from 'vitest';
import { pdfText } from '../fixtures/pdf-fixtures.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant } from './fresh-tenant.js';

/** What a French artisan sends, checked over HTTP on the local stack and read back from the PDFs. */
describe('a quote’s number', () => {
  it('is in the series of its issue date’s year, as invoices and credit notes are (ADR 0004): dated last December, sent now, D-<last year>', async () => {
    const t = await freshTenant('quote-year');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', { name: 'Maison Décembre', kind: 'business', email: 'decembre@quote.test' });
    const lines = [{ description: 'Chantier', quantity: 1, unitPriceCents: 100_000, vatRate: 10 }];
    const lastYear = Number(parisToday().slice(0, 4)) - 1;
    const december = await t.ok('POST', '/quotes', { clientId: client.id, issueDate: `${lastYear}-12-30`, validityDays: 30, lines });
    // Numbered in the send year, its PDF read "Devis D-<this year>-0001" over "Date : 30/12/<last year>".
    expect((await t.ok('POST', `/quotes/${december.id}/send`)).number).toBe(`D-${lastYear}-0001`);
    const today = await t.ok('POST', '/quotes', { clientId: client.id, issueDate: parisToday(), validityDays: 30, lines });
    expect((await t.ok('POST', `/quotes/${today.id}/send`)).number).toBe(`D-${parisToday().slice(0, 4)}-0001`);
    const pdf = await pdfText((await t.call('GET', `/quotes/${december.id}/pdf`)).bytes!);
    expect(pdf).toContain(`D-${lastYear}-0001`);
    expect(pdf).toContain(`30/12/${lastYear}`);
  });
});

describe('quote → accepted → deposit → final invoice, several VAT rates', () => {
  it('records each deposit’s rows per rate on the final invoice, whose PDF gives the VAT per rate it still bills, net of the deposit', async () => {
    const t = await freshTenant('final-vat');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', { name: 'SCI Les Tilleuls', kind: 'business', email: 'tilleuls@final.test', siren: '552100554' });
    const quote = await t.ok('POST', '/quotes', {
      clientId: client.id, issueDate: parisToday(), validityDays: 30, lines: [
        { description: 'Rénovation salle de bain (main d’œuvre)', quantity: 12.5, unitPriceCents: 4_850, vatRate: 10 },
        { description: 'Matériel', quantity: 1, unitPriceCents: 123_456, vatRate: 20 },
        { description: 'Isolation combles', quantity: 20.75, unitPriceCents: 1_999, vatRate: 5.5 },
      ],
    });
    await t.ok('POST', `/quotes/${quote.id}/send`);
    await t.ok('POST', `/quotes/${quote.id}/accept`);
    const deposit = await t.ok('POST', `/quotes/${quote.id}/deposits`, { percent: 30 });
    expect(deposit.totals.grossCents).toBe(77_579); // 30 % of 2 585,95 € = 775,785 → 775,79 €
    await t.ok('POST', `/invoices/${deposit.id}/send`);
    await t.ok('POST', `/invoices/${deposit.id}/payments`, { amountCents: 77_579, date: parisToday(), method: 'transfer' });
    const final = await t.ok('POST', `/quotes/${quote.id}/final-invoice`, {});
    expect(final.deductions[0].vatBreakdown).toEqual(deposit.totals.vatBreakdown);
    expect(final.balanceCents).toBe(258_595 - 77_579);
    await t.ok('POST', `/invoices/${final.id}/send`);
    const text = await pdfText((await t.call('GET', `/invoices/${final.id}/pdf`)).bytes!);
    expect(text).toContain('TVA après déduction des acomptes TVA Base HT Montant TVA 20 % 864,19 € 172,84 € 10 % 424,37 € 42,44 € 5,5 % 290,35 € 15,97 €');
    expect(text).toContain('Net à payer 1 810,16 €');
  });
});
