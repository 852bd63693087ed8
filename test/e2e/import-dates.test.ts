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

describe('POST /imports/invoices day and month order', () => {
  const header = 'N° facture;Client;E-mail;Date facture;Échéance;TTC';
  const send = (csv: string, query = '?dryRun=true') => t.call('POST', `/imports/invoices${query}`, csv, { 'content-type': 'text/csv' });

  it('reads a US file (a date only MM/DD reads, none only JJ/MM reads) as MM/DD/YYYY, says so in the dry run, and imports its dates that way', async () => {
    const csv = [header, 'US-1;Client US;us@client.test;03/04/2026;04/03/2026;100,00', 'US-2;Client US;us@client.test;04/01/2026;04/15/2026;100,00', 'US-3;Client US;us@client.test;2026-05-02;06/01/2026;100,00'].join('\r\n');
    const dry = await send(csv);
    expect([dry.json.errors, dry.json.dateOrder, dry.json.dateOrderEvidence]).toEqual([[], 'MM/DD/YYYY', { row: 3, field: 'dueDate', value: '04/15/2026' }]);
    const real = await send(csv, '');
    expect([real.json.created, real.json.dateOrder]).toEqual([3, 'MM/DD/YYYY']);
    await t.drain();
    const rows = (await t.ok('GET', '/invoices?q=US-&sort=dueDate')).items.map((i: { number: string; issueDate: string; dueDate: string }) => [i.number, i.issueDate, i.dueDate]);
    // 03/04/2026 is 4 March here, not 3 April.
    expect(rows).toEqual([['US-1', '2026-03-04', '2026-04-03'], ['US-2', '2026-04-01', '2026-04-15'], ['US-3', '2026-05-02', '2026-06-01']]);
  });

  it('keeps French the default: a file whose dates all read both ways is JJ/MM/AAAA, with no evidence; one with a date only JJ/MM reads names it', async () => {
    const ambiguous = await send([header, 'FR-1;Client FR;fr@client.test;03/04/2026;04/05/2026;100,00'].join('\r\n'));
    expect([ambiguous.json.errors, ambiguous.json.dateOrder, ambiguous.json.dateOrderEvidence]).toEqual([[], 'DD/MM/YYYY', undefined]);
    const french = await send([header, 'FR-1;Client FR;fr@client.test;03/04/2026;15/05/2026;100,00'].join('\r\n'));
    expect([french.json.errors, french.json.dateOrder, french.json.dateOrderEvidence]).toEqual([[], 'DD/MM/YYYY', { row: 2, field: 'dueDate', value: '15/05/2026' }]);
    // ISO dates only: no order to tell.
    const iso = await send([header, 'ISO-1;Client FR;fr@client.test;2026-04-03;2026-05-04;100,00'].join('\r\n'));
    expect([iso.json.errors, iso.json.dateOrder]).toEqual([[], undefined]);
  });

  it('never reads a mixed file one row each way: a date only MM/DD reads beside dates only JJ/MM reads is a row error naming its field, the others read JJ/MM', async () => {
    const csv = [header, 'MX-1;Client Mixte;mx@client.test;15/03/2026;03/04/2026;100,00', 'MX-2;Client Mixte;mx@client.test;03/04/2026;04/15/2026;100,00'].join('\r\n');
    const dry = await send(csv);
    expect(dry.json.errors).toEqual([{ row: 3, field: 'dueDate', message: 'reads only as MM/DD/YYYY (month first), while other dates of the file read only as JJ/MM/AAAA: write every date of the file in one order' }]);
    expect([dry.json.dateOrder, dry.json.items.map((i: { number: string }) => i.number)]).toEqual(['DD/MM/YYYY', ['MX-1']]);
  });
});
