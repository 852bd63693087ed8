import { beforeAll, describe, expect, it } from 'vitest';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * An imported invoice keeps its own number, but an invoice number identifies one invoice: a row
 * whose number is already one of our invoices' is a row error, in the dry run and the import.
 */
let t: FreshTenant;
let own = '';

beforeAll(async () => {
  t = await freshTenant('import-numbers');
  await t.ok('PUT', '/settings', companySettings);
  const client = await t.ok('POST', '/clients', { name: 'Garage Martin', kind: 'business', email: 'garage@martin.test', siren: '552100554' });
  const inv = await t.ok('POST', '/invoices', { clientId: client.id, issueDate: '2026-09-01', dueDate: '2026-10-01', lines: [{ description: 'x', quantity: 1, unitPriceCents: 10_000, vatRate: 20 }] });
  own = (await t.ok('POST', `/invoices/${inv.id}/send`)).number;
  await t.drain();
}, 60_000);

const csv = (number: string) =>
  [
    'N° facture;Client;E-mail;SIREN;Date facture;Échéance;TTC',
    `${number};Garage Martin;garage@martin.test;552100554;01/08/2026;31/08/2026;120,00`,
    'ANC-0001;Garage Martin;garage@martin.test;552100554;01/08/2026;31/08/2026;120,00',
  ].join('\n');

describe('importing a number we already issued', () => {
  it('is a row error naming the number, in the dry run and the import; the other rows go in', async () => {
    for (const query of ['?dryRun=true', '']) {
      const res = await t.call('POST', `/imports/invoices${query}`, csv(own), { 'content-type': 'text/csv' });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      expect(res.json.errors).toEqual([{ row: 2, field: 'number', message: `is already the number of an invoice (${own})` }]);
      expect(res.json.items.map((i: any) => [i.number, i.action])).toEqual([['ANC-0001', 'create']]);
    }
    await t.drain();
    const found = (await t.get(`/invoices?q=${own}`)).json.items;
    expect(found.map((i: any) => [i.number, i.imported ?? false])).toEqual([[own, false]]);
  });

  it('whatever its case', async () => {
    const res = await t.call('POST', '/imports/invoices?dryRun=true', csv(own.toLowerCase()), { 'content-type': 'text/csv' });
    expect(res.json.errors).toEqual([{ row: 2, field: 'number', message: `is already the number of an invoice (${own})` }]);
  });
});

describe('uploading an imported invoice again with other figures', () => {
  it('is a row error saying it was left as it was; the same figures are still `exists`', async () => {
    const row = (gross: string) => ['N° facture;Client;E-mail;SIREN;Date facture;Échéance;TTC', `ANC-0001;Garage Martin;garage@martin.test;552100554;01/08/2026;31/08/2026;${gross}`].join('\n');
    const same = await t.call('POST', '/imports/invoices?dryRun=true', row('120,00'), { 'content-type': 'text/csv' });
    expect(same.json.errors).toEqual([]);
    expect(same.json.items.map((i: any) => i.action)).toEqual(['exists']);
    const changed = await t.call('POST', '/imports/invoices', row('150,00'), { 'content-type': 'text/csv' });
    expect(changed.json.errors).toEqual([{ row: 2, field: 'number', message: 'was imported before with other figures (gross 120,00, issued 2026-08-01, due 2026-08-31): left as it was' }]);
    expect(changed.json.items).toEqual([]);
    expect((await t.get('/invoices?q=ANC')).json.items.map((i: any) => i.totals.grossCents)).toEqual([12_000]);
  });
});

describe('uploading an imported invoice number again for another client', () => {
  it('is a row error (never `exists`, which says it is there for that client), and creates no client for it', async () => {
    const header = 'N° facture;Client;E-mail;SIREN;Date facture;Échéance;TTC';
    const first = await t.call('POST', '/imports/invoices', [header, 'AUT-0001;Garage Martin;garage@martin.test;552100554;01/08/2026;31/08/2026;120,00'].join('\n'), { 'content-type': 'text/csv' });
    expect(first.json.items.map((i: any) => i.action)).toEqual(['create']);
    const other = [header, 'AUT-0001;Plâtrerie Nouvelle;platre@nouvelle.test;;01/08/2026;31/08/2026;120,00', 'ANC-0001;Carrelage Neuf;carrelage@neuf.test;;01/08/2026;31/08/2026;150,00'].join('\n');
    for (const query of ['?dryRun=true', '']) {
      const res = await t.call('POST', `/imports/invoices${query}`, other, { 'content-type': 'text/csv' });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      expect(res.json.errors).toEqual([
        { row: 2, field: 'number', message: 'was imported before for another client: left as it was' },
        { row: 3, field: 'number', message: expect.stringMatching(/^was imported before (with other figures|for another client)/) },
      ]);
      expect([res.json.items, res.json.existing, res.json.clientsCreated]).toEqual([[], 0, 0]);
    }
    await t.drain();
    const names = (await t.ok('GET', '/clients')).items.map((c: any) => c.name);
    expect(names).toEqual(['Garage Martin']);
    expect((await t.get('/invoices?q=AUT')).json.items.map((i: any) => i.clientName)).toEqual(['Garage Martin']);
  });
});

describe('our numbering after imported invoices numbered in its series', () => {
  it('steps over the numbers they hold: no number is issued twice, and the series has no gap', async () => {
    const series = own.replace(/\d+$/, '');
    const width = own.length - series.length;
    const nth = (n: number) => `${series}${String(n).padStart(width, '0')}`;
    const last = Number(own.slice(series.length));
    const rows = [nth(last + 1), nth(last + 2)].map((n) => `${n};Garage Martin;garage@martin.test;552100554;01/08/2026;31/08/2026;80,00`);
    const imported = await t.call('POST', '/imports/invoices', ['N° facture;Client;E-mail;SIREN;Date facture;Échéance;TTC', ...rows].join('\n'), { 'content-type': 'text/csv' });
    expect(imported.json.errors).toEqual([]);
    await t.drain();

    const client = (await t.get('/clients?q=552100554')).json.items[0];
    const inv = await t.ok('POST', '/invoices', { clientId: client.id, issueDate: '2026-11-02', dueDate: '2026-12-02', lines: [{ description: 'y', quantity: 1, unitPriceCents: 5_000, vatRate: 20 }] });
    expect((await t.ok('POST', `/invoices/${inv.id}/send`)).number).toBe(nth(last + 3));
    await t.drain();
    for (const n of [last + 1, last + 2, last + 3]) expect((await t.get(`/invoices?q=${nth(n)}`)).json.items.map((i: any) => i.number)).toEqual([nth(n)]);
  });
});
