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
