import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { parisToday } from './local-clock.js';

/** Dates of an imported file as people write them, and the ones no invoice issued elsewhere can have. */
let t: FreshTenant;
beforeAll(async () => {
  t = await freshTenant('import-dates');
  await t.ok('PUT', '/settings', companySettings);
});

const fr = (iso: string) => iso.split('-').reverse().join('/');

describe('POST /imports/invoices dates', () => {
  it('reads JJ/MM/AAAA, J/M/AAAA and a leap day; refuses an issue date after today, the same in dry run and for real', async () => {
    const today = parisToday();
    const tomorrow = addDays(today, 1);
    const csv = [
      'N° facture;Client;E-mail;Date facture;Échéance;TTC',
      'D-1;Client Daté;date@client.test;29/02/2024;1/4/2024;100,00',
      `D-2;Client Daté;date@client.test;${fr(today)};${fr(addDays(today, 30))};100,00`,
      `D-3;Client Daté;date@client.test;${fr(tomorrow)};${fr(addDays(tomorrow, 30))};100,00`,
      'D-4;Client Daté;date@client.test;29/02/2025;01/04/2025;100,00',
    ].join('\r\n');
    const send = (query: string) => t.call('POST', `/imports/invoices${query}`, csv, { 'content-type': 'text/csv' });
    const dry = await send('?dryRun=true');
    expect(dry.json.errors).toEqual([
      { row: 4, field: 'issueDate', message: `is after today (${today}): an invoice to import has been issued already` },
      { row: 5, field: 'issueDate', message: expect.stringMatching(/not a date/) },
    ]);
    expect(dry.json.items.map((i: { number: string }) => i.number)).toEqual(['D-1', 'D-2']);
    const real = await send('');
    expect({ ...real.json, dryRun: true }).toEqual(dry.json);
    await t.drain();
    const list = (await t.ok('GET', '/invoices?sort=dueDate')).items.map((i: { number: string; issueDate: string; dueDate: string }) => [i.number, i.issueDate, i.dueDate]);
    expect(list).toEqual([
      ['D-1', '2024-02-29', '2024-04-01'],
      ['D-2', today, addDays(today, 30)],
    ]);
  });
});
