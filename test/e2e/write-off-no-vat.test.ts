/**
 * A write-off's credit note (issue 13 §3) is the rectifying invoice that recovers the VAT of an irrecoverable debt (CGI art.
 * 272-1). On an invoice that charged none (a micro-entrepreneur's franchise en base, art. 293 B; a reverse charge) it still
 * said "régularisation de la TVA … La TVA de la facture d'origine est réduite du montant ci-dessous" above a 0,00 € VAT and
 * "TVA non applicable": it now says there is no VAT to regularise, and so does the proof file. Read back from the PDFs.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const pdfText = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text.replace(/\s+/g, ' ');
const today = parisToday();

const writtenOff = async (t: FreshTenant, overrides: Record<string, unknown>) => {
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('wonovat') }));
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10), ...overrides }));
  await t.ok('POST', `/invoices/${draft.id}/send`);
  await t.ok('POST', `/invoices/${draft.id}/litigation`, {});
  const { creditNote } = await t.ok('POST', `/invoices/${draft.id}/write-off`, { reason: 'Liquidation judiciaire' });
  const note = await pdfText((await t.call('GET', `/invoices/${draft.id}/credit-notes/${creditNote.id}/pdf`)).bytes!);
  const proof = await pdfText((await t.call('GET', `/invoices/${draft.id}/proof.pdf`)).bytes!);
  return { creditNote, note, proof };
};

describe('the credit note of a write-off', () => {
  it('claims no VAT regularisation on an invoice that charged no VAT (franchise en base), in the credit note and the proof file', async () => {
    const t = await freshTenant('wonovat');
    await t.ok('PUT', '/settings', companySettings);
    const { creditNote, note, proof } = await writtenOff(t, {
      vatExemption: 'franchise',
      lines: [{ description: 'Pose de carrelage', quantity: 1, unitPriceCents: 100_000, vatRate: 0 }],
    });
    expect(creditNote).toMatchObject({ purpose: 'bad_debt', vatCents: 0, grossCents: 100_000 });
    expect(note).not.toContain('régularisation de la TVA');
    expect(note).not.toContain('La TVA de la facture');
    expect(note).toContain('Avoir pour créance irrécouvrable : la facture d’origine ne portait pas de TVA, aucune TVA à régulariser.');
    expect(proof).not.toContain('régularisation de TVA');
    expect(proof).toContain('créance irrécouvrable, sans TVA à régulariser');
  });

  it('still names the VAT regularisation (CGI art. 272-1) when the invoice charged VAT', async () => {
    const t = await freshTenant('wovat');
    await t.ok('PUT', '/settings', companySettings);
    const { creditNote, note, proof } = await writtenOff(t, {});
    expect(creditNote.vatCents).toBeGreaterThan(0);
    expect(note).toContain('Facture rectificative : régularisation de la TVA sur créance irrécouvrable (CGI art. 272-1).');
    expect(proof).toContain('régularisation de TVA, créance irrécouvrable (CGI art. 272-1)');
  });
});
