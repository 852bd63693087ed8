import { beforeAll, describe, expect, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';

/**
 * `GET /invoices/export.csv?lang=en`: the accountant's file in English for an English-speaking
 * user (the web app passes its language): English headers and statuses, `,`-separated with decimal
 * points and ISO dates, as English spreadsheets read them; without `lang`, the tenant's language
 * (settings), else French. The English file goes back in through the import as the French one does.
 */
let t: FreshTenant;
const T = parisToday();
/** The invoice is dated 40 days ago: numbered in that date's year (F-2026-… on 5 January 2027). */
const SERIES = addDays(T, -40).slice(0, 4);
const upload = (to: FreshTenant, csv: string, query = '') => to.call('POST', `/imports/invoices${query}`, csv, { 'content-type': 'text/csv; charset=utf-8' });
const lines = (csv: string) => csv.replace(/^\ufeff/, '').trim().split('\r\n');

beforeAll(async () => {
  t = await freshTenant('export-lang');
  await t.ok('PUT', '/settings', companySettings);
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ name: 'Smith, Jones & Co', email: 'accounts@smith.test', siren: '552100554' }));
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(T, -40), dueDate: addDays(T, -10), lines: [{ description: 'Works', quantity: 1, unitPriceCents: 102_880, vatRate: 20 }] }));
  const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
  await t.ok('POST', `/invoices/${sent.id}/payments`, { amountCents: 23_456, date: T, method: 'transfer' });
  await t.drain();
}, 120_000);

describe('GET /invoices/export.csv?lang=', () => {
  it('writes English headers, statuses, decimal points and ISO dates with lang=en', async () => {
    const res = await t.get('/invoices/export.csv?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('invoices.csv');
    const [header, row] = lines(res.text!);
    expect(header).toBe('Number,Customer,Email,SIREN,Type,Invoice date,Due date,Net,VAT,Gross,Paid,Credited,Balance,Status,Days late,Last reminder,Imported');
    expect(row).toBe(`F-${SERIES}-0001,"Smith, Jones & Co",accounts@smith.test,552100554,business,${addDays(T, -40)},${addDays(T, -10)},1028.80,205.76,1234.56,234.56,0.00,1000.00,partially paid,10,,`);
  });

  it('stays French without lang (a French tenant) and with lang=fr', async () => {
    for (const query of ['', '?lang=fr']) {
      const [header, row] = lines((await t.get(`/invoices/export.csv${query}`)).text!);
      expect(header).toBe('Numéro;Client;E-mail;SIREN;Type;Date facture;Échéance;HT;TVA;TTC;Réglé;Avoirs;Solde;Statut;Jours de retard;Dernière relance;Importée');
      expect(row).toContain(';1028,80;205,76;1234,56;234,56;0,00;1000,00;partiellement payée;10;;');
    }
  });

  it("follows the tenant's language without lang", async () => {
    const en = await freshTenant('export-lang-en');
    await en.ok('PUT', '/settings', { ...companySettings, language: 'en' });
    expect(lines((await en.get('/invoices/export.csv')).text!)[0]).toMatch(/^Number,Customer,/);
  });

  it('refuses another language, naming query.lang', async () => {
    const res = await t.get('/invoices/export.csv?lang=de');
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['query.lang']);
  });

  it('goes back in through the import: same number, client, dates and balance', async () => {
    const csv = (await t.get('/invoices/export.csv?lang=en')).text!;
    const other = await freshTenant('export-lang-in');
    const dry = await upload(other, csv, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.json.errors).toEqual([]);
    expect(dry.json.items.map((i: { number: string; status: string; clientKind: string }) => [i.number, i.status, i.clientKind])).toEqual([[`F-${SERIES}-0001`, 'partially_paid', 'business']]);
    expect((await upload(other, csv)).json.created).toBe(1);
    await other.drain();
    const [imported] = (await other.get('/invoices')).json.items;
    expect([imported.clientName, imported.issueDate, imported.dueDate, imported.totals.grossCents, imported.paidCents, imported.balanceCents]).toEqual(['Smith, Jones & Co', addDays(T, -40), addDays(T, -10), 123_456, 23_456, 100_000]);
  });
});
