import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

/**
 * The proof file of an invoice the owner cancelled by a credit note claims nothing: the penalties that ran until the
 * cancellation are computed and shown, then not claimed, and what is left to pay is 0. It printed "Statut : annulée"
 * above "Reste dû 63,97 €", the penalties and the €40 of a debt the seller had cancelled.
 */
const pdfText = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text.replace(/\s+/g, ' ');

describe('the proof file of a cancelled invoice', () => {
  it('shows the penalties that ran until the cancellation as not claimed and leaves nothing due', async () => {
    const t = await freshTenant('proof-cancelled');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('proof-cancelled') }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -60), dueDate: addDays(today, -30) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.ok('POST', `/invoices/${draft.id}/cancel`, { reason: 'Facture erronée' });

    const file = await pdfText((await t.call('GET', `/invoices/${draft.id}/proof.pdf`)).bytes!);
    expect(file).toContain('Statut : annulée');
    // The penalty section, the file's last (the invoice's own section above says "Reste dû 0,00 €" too).
    const fr = file.slice(file.lastIndexOf('Pénalités de retard montant'));
    expect(fr).toMatch(/Pénalités au 30e jour de retard [\d ,]+ €/);
    expect(fr).toContain('Indemnité forfaitaire de recouvrement (D441-5) 40,00 €');
    expect(fr).toMatch(/Non réclamées : facture annulée par avoir -[\d ,]+ €/);
    expect(fr).toContain('Reste dû 0,00 €');

    const english = await pdfText((await t.call('GET', `/invoices/${draft.id}/proof.pdf?lang=en`)).bytes!);
    const en = english.slice(english.lastIndexOf('Late-payment penalties amount'));
    expect(en).toMatch(/Not claimed: invoice cancelled by credit note -€[\d,.]+/);
    expect(en).toContain('Balance due €0.00');
  });
});
