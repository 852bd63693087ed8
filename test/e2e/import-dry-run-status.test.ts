import { describe, expect, it } from 'vitest';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';

/**
 * The dry run says each row's resulting status, as the import then gives it: a row whose Statut says
 * contentieux comes in in litigation, one saying Annulée comes in cancelled (paid, when partly paid before),
 * and the preview showed them as ordinary invoices, to be chased.
 */
const upload = (t: FreshTenant, csv: string, query = '') => t.call('POST', `/imports/invoices${query}`, csv, { 'content-type': 'text/csv; charset=utf-8' });
type Item = { row: number; number: string; action: string; status?: string };

describe('POST /imports/invoices?dryRun=true: each row’s resulting status', () => {
  it('is the one the real import gives it, row by row', async () => {
    const t = await freshTenant('imp-dry-status');
    await t.ok('PUT', '/settings', companySettings);
    const fr = (iso: string) => iso.split('-').reverse().join('/');
    const [issue, due] = [fr(addDays(parisToday(), -50)), fr(addDays(parisToday(), -20))];
    const line = (n: string, gross: string, paid: string, state: string) => `${n};Menuiserie Arnaud;arnaud@dry.test;${issue};${due};${gross};${paid};${state}`;
    const csv = [
      'N° facture;Client;E-mail;Date facture;Échéance;TTC;Déjà réglé;Statut',
      line('DS-1', '1 200,00', '0', 'Envoyée'),
      line('DS-2', '600,00', '100,00', 'Envoyée'),
      line('DS-3', '300,00', '300,00', 'Payée'),
      line('DS-4', '900,00', '0', 'En contentieux'),
      line('DS-5', '900,00', '200,00', 'contentieux'),
      line('DS-6', '400,00', '0', 'Annulée'),
      line('DS-7', '400,00', '150,00', 'Annulée'),
    ].join('\r\n');
    const expected = { 'DS-1': 'sent', 'DS-2': 'partially_paid', 'DS-3': 'paid', 'DS-4': 'litigation', 'DS-5': 'litigation', 'DS-6': 'cancelled', 'DS-7': 'paid' };
    const byNumber = (items: Item[]) => Object.fromEntries(items.map((i) => [i.number, i.status]));

    const dry = await upload(t, csv, '?dryRun=true');
    expect(dry.status, JSON.stringify(dry.json)).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, created: 7, errors: [] });
    expect(byNumber(dry.json.items)).toEqual(expected);
    expect((await t.ok('GET', '/invoices?limit=100')).items).toEqual([]);

    const real = await upload(t, csv);
    expect(real.status, JSON.stringify(real.json)).toBe(200);
    expect(real.json).toMatchObject({ dryRun: false, created: 7, errors: [] });
    expect(byNumber(real.json.items)).toEqual(expected);
    await t.drain();
    const stored = (await t.ok('GET', '/invoices?limit=100')).items as { number: string; status: string }[];
    expect(Object.fromEntries(stored.map((i) => [i.number, i.status]))).toEqual(expected);

    // The same file again: every row `exists`, with the status it has here.
    const again = await upload(t, csv, '?dryRun=true');
    expect((again.json.items as Item[]).map((i) => i.action)).toEqual(Array(7).fill('exists'));
    expect(byNumber(again.json.items)).toEqual(expected);
  });
});

describe('POST /imports/invoices?dryRun=true: each row’s dates and amounts as read', () => {
  // The owner could not check how "1 234,56", "1.234,56" or a date was understood before importing.
  it('are in the answer, in cents and ISO dates, the same in the real import', async () => {
    const t = await freshTenant('imp-dry-amounts');
    await t.ok('PUT', '/settings', companySettings);
    const fr = (iso: string) => iso.split('-').reverse().join('/');
    const [issue, due] = [addDays(parisToday(), -50), addDays(parisToday(), -20)];
    const csv = [
      'N° facture;Client;E-mail;Date facture;Échéance;TTC;Déjà réglé',
      `DA-1;Menuiserie Arnaud;arnaud@dry.test;${fr(issue)};${fr(due)};1 234,56;0`,
      `DA-2;Menuiserie Arnaud;arnaud@dry.test;${fr(issue)};${fr(due)};"1.234,50";200,05`,
    ].join('\n');
    const expected = [
      { number: 'DA-1', issueDate: issue, dueDate: due, grossCents: 123_456, paidCents: 0 },
      { number: 'DA-2', issueDate: issue, dueDate: due, grossCents: 123_450, paidCents: 20_005 },
    ];
    const dry = await upload(t, csv, '?dryRun=true');
    expect(dry.status, JSON.stringify(dry.json)).toBe(200);
    expect(dry.json.items).toMatchObject(expected);
    const real = await upload(t, csv);
    expect(real.status, JSON.stringify(real.json)).toBe(200);
    expect(real.json.items).toMatchObject(expected);
  });
});
