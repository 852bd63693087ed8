import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

/**
 * The proof file (issue 13 §3) names what the owner recorded about the case, not only the client's portal actions:
 * a payment date the client promised by phone (`POST /invoices/{id}/promise`: an acknowledgment of the debt,
 * C. civ. 2240) and a due date moved after the invoice was sent (the penalties count from the new one, while the
 * invoice as sent printed the old). Both were on the timeline and left out of the file; read back from the PDF.
 */
/** A date as the file prints it, 2026-11-17 → 17/11/2026 (both languages). */
const isoToFrDate = (iso: string) => iso.split('-').reverse().join('/');
const pdfText = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text.replace(/\s+/g, ' ');

describe('the proof file’s case events recorded by the owner', () => {
  it('lists a promise the client made by phone and a due date moved after sending, in French and in English', async () => {
    const t = await freshTenant('proofcase');
    await t.ok('PUT', '/settings', companySettings);
    const today = parisToday();
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('proofcase') }));
    const oldDue = addDays(today, -10);
    const newDue = addDays(today, -4);
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: oldDue }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.ok('PATCH', `/invoices/${draft.id}`, { dueDate: newDue });
    const promised = addDays(today, 6);
    await t.ok('POST', `/invoices/${draft.id}/promise`, { date: promised, note: 'appel du gérant' });

    const fr = await pdfText((await t.call('GET', `/invoices/${draft.id}/proof.pdf`)).bytes!);
    expect(fr).toContain(`Promesse de paiement reçue par le vendeur (date : ${isoToFrDate(promised)}, note : appel du gérant)`);
    expect(fr).toContain(`Date d'échéance modifiée (ancienne échéance : ${isoToFrDate(oldDue)}, nouvelle échéance : ${isoToFrDate(newDue)})`);

    const en = await pdfText((await t.call('GET', `/invoices/${draft.id}/proof.pdf?lang=en`)).bytes!);
    expect(en).toContain(`Payment promised to the seller (date: ${isoToFrDate(promised)}, note: appel du gérant)`);
    expect(en).toContain(`Due date changed (former due date: ${isoToFrDate(oldDue)}, new due date: ${isoToFrDate(newDue)})`);
  });
});
