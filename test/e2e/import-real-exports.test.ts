import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { parisToday } from './local-clock.js';

/**
 * Real exports a reviewer imported: a title line (and a blank line) above the header, dates written year first
 * with slashes, a client name typed on two lines of an Excel cell. The title made every column "missing", the
 * dates were no dates, the name kept its line break; the dry run and the import answer alike, rows numbered by
 * their line in the file.
 */
describe('POST /imports/invoices: a real export with a title, year-first dates and a name on two lines', () => {
  it('imports it, the dry run saying what the import does', async () => {
    const t = await freshTenant('imp-real-exports');
    await t.ok('PUT', '/settings', companySettings);
    const ymd = (iso: string) => iso.replaceAll('-', '/');
    const [issue, due] = [ymd(addDays(parisToday(), -40)), ymd(addDays(parisToday(), -10))];
    const csv = [
      'Export factures – Plomberie Martin – 27/11/2026;;;;;',
      '',
      'N° facture;Client;E-mail;Date facture;Échéance;TTC',
      `RX-1;"Garage Martin\r\net Fils";garage@rx.test;${issue};${due};120,00`,
      `RX-2;Dupont;dupont@rx.test;${issue};pas de date;60,00`,
    ].join('\r\n');
    const send = (query: string) => t.call('POST', `/imports/invoices${query}`, csv, { 'content-type': 'text/csv' });
    const dry = await send('?dryRun=true');
    expect(dry.status, JSON.stringify(dry.json)).toBe(200);
    expect(dry.json.errors).toEqual([{ row: 6, field: 'dueDate', message: expect.stringMatching(/not a date/) }]);
    expect(dry.json.items.map((i: { row: number; number: string }) => [i.row, i.number])).toEqual([[4, 'RX-1']]);
    const real = await send('');
    expect({ ...real.json, dryRun: true }).toEqual(dry.json);
    await t.drain();
    const list = (await t.ok('GET', '/invoices')).items.map((i: { number: string; issueDate: string; dueDate: string; clientName: string }) => [i.number, i.issueDate, i.dueDate, i.clientName]);
    expect(list).toEqual([['RX-1', addDays(parisToday(), -40), addDays(parisToday(), -10), 'Garage Martin et Fils']]);
  });
});
