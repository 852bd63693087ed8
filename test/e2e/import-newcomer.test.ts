import { beforeAll, describe, expect, it } from 'vitest';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * A newcomer's file as French Excel and other tools write it: BOM, CRLF, Excel's `sep=;` line, a contact's
 * `Nom` beside `Client`, `Date` beside `Date facture`, a yes/no `Payée` column and a payment date, a credit
 * note exported as a negative row, a year typed wrong, rows of bare separators. Paid invoices never come in owed.
 */
let t: FreshTenant;
const FILE = '\ufeff' + [
  'sep=;',
  'N° facture;Nom;Client;E-mail;SIREN;Type;Date facture;Date;Échéance;Total HT;TVA;Total TTC;Payée;Date de paiement',
  'Z-001;M. Port;"Garage du Port; Martin & Fils";garage@port.test;552 100 554;professionnel;01/09/2026;03/09/2026;01/10/2026;1 000,00;200,00;1 200,00;non;',
  'Z-002;Hélène;Café Hélène;cafe@helene.test;;particulier;15/10/2026;;14/11/2026;1\u00a0234,56;246,91;1\u00a0481,47;oui;',
  'Z-003;Hélène;Café Hélène;cafe@helene.test;;particulier;20/10/2026;;20/11/2026;100,00;20,00;120,00;;05/11/2026',
  'AV-001;Hélène;Café Hélène;cafe@helene.test;;particulier;21/10/2026;;21/10/2026;-100,00;-20,00;-120,00;;',
  'Z-005;Typo;Typo SARL;typo@typo.test;;;01/10/0026;;31/10/2026;10,00;2,00;12,00;;',
  ';;;;;;;;;;;;;',
  '',
].join('\r\n');

beforeAll(async () => {
  t = await freshTenant('import-newcomer');
  await t.ok('PUT', '/settings', companySettings);
}, 60_000);

describe('a newcomer imports a messy French Excel file', () => {
  it('answers the same rows and errors in the dry run and the import, then lists paid rows as paid and the rest owed', async () => {
    for (const query of ['?dryRun=true', '']) {
      const res = await t.call('POST', `/imports/invoices${query}`, FILE, { 'content-type': 'text/csv' });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      expect(res.json.items.map((i: any) => [i.row, i.number, i.action])).toEqual([[3, 'Z-001', 'create'], [4, 'Z-002', 'create'], [5, 'Z-003', 'create']]);
      expect(res.json.errors).toEqual([
        { row: 6, field: 'net', message: 'is negative (a credit note? put its amount in the Avoirs column of the invoice it credits)' },
        { row: 7, field: 'issueDate', message: 'is not between 2000 and 2099 (a typo in the year?)' },
      ]);
      expect(res.json.clientsCreated).toBe(2);
    }
    await t.drain();
    const rows = (await t.ok('GET', '/invoices?sort=dueDate')).items.map((i: any) => [i.number, i.clientName, i.issueDate, i.status, i.balanceCents]);
    expect(rows).toEqual([
      ['Z-001', 'Garage du Port; Martin & Fils', '2026-09-01', 'sent', 120_000],
      ['Z-002', 'Café Hélène', '2026-10-15', 'paid', 0],
      ['Z-003', 'Café Hélène', '2026-10-20', 'paid', 0],
    ]);
    expect((await t.ok('GET', '/clients?sort=name')).items.map((c: any) => [c.name, c.balanceCents])).toEqual([['Café Hélène', 0], ['Garage du Port; Martin & Fils', 120_000]]);
    const again = await t.call('POST', '/imports/invoices', FILE, { 'content-type': 'text/csv' });
    expect([again.json.created, again.json.existing, again.json.clientsCreated]).toEqual([0, 3, 0]);
  });
});
