import { beforeAll, describe, expect, it } from 'vitest';
import { aBusinessClientInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * A SIREN is written `552 100 554` on a Kbis, an invoice or a letterhead, and pasted so (spaces,
 * no-break spaces): the client and company forms take it as the import and the search do, kept as
 * its 9 digits; what is not 9 digits then is a 400 naming the field.
 */
let t: FreshTenant;
beforeAll(async () => {
  t = await freshTenant('siren');
});

describe('a SIREN typed with spaces', () => {
  it('is kept as its 9 digits on a client (create and edit) and found by the search and the import', async () => {
    const created = await t.call('POST', '/clients', aBusinessClientInput({ email: 'compta@siren.test', siren: '552 100 554' }));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.siren).toBe('552100554');
    const edited = await t.call('PATCH', `/clients/${created.json.id}`, { siren: '\u00a0732\u202f829\u00a0320 ' });
    expect([edited.status, edited.json.siren]).toEqual([200, '732829320']);
    expect((await t.ok('GET', '/clients?q=732%20829')).items.map((c: { id: string }) => c.id)).toEqual([created.json.id]);
    const imported = await t.call('POST', '/imports/invoices?dryRun=true', {
      invoices: [{ number: 'S-1', client: { name: 'Autre nom', siren: '732 829 320' }, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 1_000 }],
    });
    expect(imported.json.items).toEqual([expect.objectContaining({ clientId: created.json.id, newClient: false })]);
  });

  it('is kept as its 9 digits in the company settings', async () => {
    const res = await t.call('PUT', '/settings', { company: { ...companySettings.company, siren: '123 456 782' } });
    expect([res.status, res.json.company?.siren]).toEqual([200, '123456782']);
  });

  it('is a 400 naming the field when it is not 9 digits, and nothing is written', async () => {
    for (const siren of ['552 100 55', '552-100-554', 'abc', '5521005540']) {
      const res = await t.call('POST', '/clients', aBusinessClientInput({ email: `bad-${siren.length}@siren.test`, siren }));
      expect([res.status, res.type, res.json.errors], siren).toEqual([400, expect.stringContaining('application/problem+json'), [{ path: 'body.siren', message: 'must be 9 digits' }]]);
    }
    const settings = await t.call('PUT', '/settings', { company: { ...companySettings.company, siren: '123 456 78' } });
    expect([settings.status, settings.json.errors]).toEqual([400, [{ path: 'body.company.siren', message: 'must be 9 digits' }]]);
    expect((await t.ok('GET', '/clients?q=bad')).items).toEqual([]);
  });

  it('is a 400 naming the field when its Luhn check digit is wrong (client create and edit, company settings), and nothing is written', async () => {
    const created = await t.call('POST', '/clients', aBusinessClientInput({ email: 'luhn@siren.test', siren: '552 100 555' }));
    expect([created.status, created.json.errors]).toEqual([400, [{ path: 'body.siren', message: 'is not a valid SIREN (check digit)' }]]);
    expect((await t.ok('GET', '/clients?q=luhn')).items).toEqual([]);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: 'luhn-ok@siren.test', siren: '356 000 000' }));
    expect(client.siren).toBe('356000000'); // La Poste, the known exception to the rule
    const edited = await t.call('PATCH', `/clients/${client.id}`, { siren: '732829321' });
    expect([edited.status, edited.json.errors]).toEqual([400, [{ path: 'body.siren', message: 'is not a valid SIREN (check digit)' }]]);
    expect((await t.ok('GET', `/clients/${client.id}`)).siren).toBe('356000000');
    const settings = await t.call('PUT', '/settings', { company: { ...companySettings.company, siren: '123 456 789' } });
    expect([settings.status, settings.json.errors]).toEqual([400, [{ path: 'body.company.siren', message: 'is not a valid SIREN (check digit)' }]]);
  });

  it('is a row error of the import when its check digit is wrong (a SIRET is checked on its SIREN), the other rows go in', async () => {
    const csv = [
      'N° facture;Client;E-mail;SIREN;Date facture;Échéance;TTC',
      'LUHN-1;Garage Faux;faux@siren.test;552 100 555;01/09/2026;01/10/2026;100,00',
      'LUHN-2;Garage Siret;siret@siren.test;55210055500012;01/09/2026;01/10/2026;100,00',
      'LUHN-3;Garage Bon;bon@siren.test;55210055400013;01/09/2026;01/10/2026;100,00',
    ].join('\n');
    for (const query of ['?dryRun=true', '']) {
      const res = await t.call('POST', `/imports/invoices${query}`, csv, { 'content-type': 'text/csv' });
      expect(res.json.errors, query).toEqual([
        { row: 2, field: 'siren', message: 'is not a valid SIREN (check digit)' },
        { row: 3, field: 'siren', message: 'is not a valid SIREN (check digit)' },
      ]);
      expect(res.json.items.map((i: { number: string }) => i.number)).toEqual(['LUHN-3']);
    }
    const json = await t.call('POST', '/imports/invoices?dryRun=true', {
      invoices: [{ number: 'LUHN-4', client: { name: 'X', email: 'x@siren.test', siren: '123456789' }, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 1_000 }],
    });
    expect(json.json.errors).toEqual([{ row: 1, field: 'client.siren', message: 'is not a valid SIREN (check digit)' }]);
    await t.drain();
    const found = (await t.ok('GET', '/clients?q=garage')).items.map((c: { name: string; siren?: string }) => [c.name, c.siren]);
    expect(found).toEqual([['Garage Bon', '552100554']]);
  });
});

describe('an intra-EU VAT number', () => {
  it('is kept as the tax office writes it (spaces, dots, lower case taken) on a client and in the company settings', async () => {
    const created = await t.call('POST', '/clients', aBusinessClientInput({ email: 'tva@siren.test', siren: '552100554', vatNumber: 'fr 96 552.100.554' }));
    expect([created.status, created.json.vatNumber]).toEqual([201, 'FR96552100554']);
    const edited = await t.call('PATCH', `/clients/${created.json.id}`, { vatNumber: 'DE 123456789' });
    expect([edited.status, edited.json.vatNumber]).toEqual([200, 'DE123456789']);
    const settings = await t.call('PUT', '/settings', { company: { ...companySettings.company, siren: '123456782', vatNumber: 'FR 11 123 456 782' } });
    expect([settings.status, settings.json.company?.vatNumber]).toEqual([200, 'FR11123456782']);
  });

  it('is a 400 naming the field when a French key does not match its SIREN or the shape is wrong, and nothing is written', async () => {
    for (const [vatNumber, message] of [
      ['FR00552100554', 'is not a valid French VAT number (FR, a 2-character key, then the SIREN: check the key and the SIREN)'],
      ['FR96552100555', 'is not a valid French VAT number (FR, a 2-character key, then the SIREN: check the key and the SIREN)'],
      ['FR9655210055', 'is not a valid French VAT number (FR, a 2-character key, then the SIREN: check the key and the SIREN)'],
      ['552100554', 'must be a VAT number: a 2-letter country code then 2 to 13 letters or digits (FR 32 123456789)'],
    ] as const) {
      const res = await t.call('POST', '/clients', aBusinessClientInput({ email: `tva-${vatNumber.toLowerCase()}@siren.test`, vatNumber }));
      expect([res.status, res.type, res.json.errors], vatNumber).toEqual([400, expect.stringContaining('application/problem+json'), [{ path: 'body.vatNumber', message }]]);
    }
    expect((await t.ok('GET', '/clients?q=tva-')).items).toEqual([]);
    const before = (await t.ok('GET', '/settings')).company?.vatNumber;
    const settings = await t.call('PUT', '/settings', { company: { ...companySettings.company, vatNumber: 'FR00123456782' } });
    expect([settings.status, settings.json.errors?.[0]?.path]).toEqual([400, 'body.company.vatNumber']);
    expect((await t.ok('GET', '/settings')).company?.vatNumber).toBe(before);
  });
});
