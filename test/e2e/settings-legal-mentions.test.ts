/**
 * A company's share capital and register (C. com. R123-237): `company.shareCapitalCents` and `company.registration`
 * in `PUT /settings`, kept through GET, removed with `null` as the other optional company fields, checked with a
 * 400 naming the field, and printed on the invoice PDF ("SARL au capital de 10 000,00 €", "RCS Nantes 732829320").
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant } from './fresh-tenant.js';

const pdfText = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text.replace(/[\s\u00a0\u202f]+/g, ' ');

describe('PUT /settings: the share capital and the register of a company', () => {
  it('keeps them through GET, prints them on the invoice, and removes them with null', async () => {
    const t = await freshTenant('legal-mentions');
    const saved = await t.ok('PUT', '/settings', { company: aCompanyIdentity({ legalForm: 'SARL', shareCapitalCents: 1_000_000, registration: 'RCS Nantes' }) });
    expect(saved.company).toMatchObject({ legalForm: 'SARL', shareCapitalCents: 1_000_000, registration: 'RCS Nantes' });
    expect((await t.ok('GET', '/settings')).company).toMatchObject({ legalForm: 'SARL', shareCapitalCents: 1_000_000, registration: 'RCS Nantes', siren: '732829320' });

    const client = await t.ok('POST', '/clients', aBusinessClientInput());
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    const pdf = await t.call('GET', `/invoices/${draft.id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf.bytes!);
    expect(text).toContain('SARL au capital de 10 000,00 €');
    expect(text).toContain('RCS Nantes 732829320');
    expect(text).not.toContain('SIREN 732829320');

    // Left out: kept (a PUT of the phone alone does not drop them).
    expect((await t.ok('PUT', '/settings', { company: { phone: '02 40 00 00 00' } })).company).toMatchObject({ shareCapitalCents: 1_000_000, registration: 'RCS Nantes' });
    const cleared = await t.ok('PUT', '/settings', { company: { shareCapitalCents: null, registration: null } });
    expect(cleared.company).not.toHaveProperty('shareCapitalCents');
    expect(cleared.company).not.toHaveProperty('registration');
    expect(cleared.company).toMatchObject({ name: 'Plomberie Martin', legalForm: 'SARL', siren: '732829320', phone: '02 40 00 00 00' });
    const read = (await t.ok('GET', '/settings')).company;
    expect(read).not.toHaveProperty('shareCapitalCents');
    expect(read).not.toHaveProperty('registration');
  });

  it('refuses a negative or fractional capital and a register too long or empty, with a 400 naming the field', async () => {
    const t = await freshTenant('legal-mentions-bad');
    await t.ok('PUT', '/settings', { company: aCompanyIdentity({ shareCapitalCents: 500_000 }) });
    for (const [company, path] of [
      [{ shareCapitalCents: -1 }, 'body.company.shareCapitalCents'],
      [{ shareCapitalCents: 1000.5 }, 'body.company.shareCapitalCents'],
      [{ shareCapitalCents: '10000' }, 'body.company.shareCapitalCents'],
      [{ registration: 'R'.repeat(101) }, 'body.company.registration'],
      [{ registration: '  ' }, 'body.company.registration'],
    ] as const) {
      const res = await t.call('PUT', '/settings', { company });
      expect(res.status, JSON.stringify(company)).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.json.errors.map((e: { path: string }) => e.path), JSON.stringify(company)).toEqual([path]);
    }
    // Nothing refused was kept.
    expect((await t.ok('GET', '/settings')).company).toMatchObject({ shareCapitalCents: 500_000 });
    expect((await t.ok('GET', '/settings')).company).not.toHaveProperty('registration');
  });
});
