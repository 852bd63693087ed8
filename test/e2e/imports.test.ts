import { beforeAll, describe, expect, it } from 'vitest';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/** A messy real-world export: BOM, `;`, quoted fields, accents, `1 234,56`, blank lines, a bad date, a duplicate. */
const MESSY = [
  '\ufeffN° facture;Client;E-mail;SIREN;Type;Date facture;Échéance;Montant HT;TVA;Montant TTC;Déjà réglé',
  'FA-2025-118;"Boulangerie Dupont; SARL";compta@dupont.test;552 100 554;professionnel;15/09/2025;15/10/2025;1 028,80;205,76;1 234,56;0',
  '',
  'FA-2025-119;Élodie Lefèvre;elodie@particulier.test;;particulier;01/10/2025;31/10/2025;500,00;100,00;600,00;200,00',
  'FA-2025-120;Boulangerie Dupont SARL;autre@dupont.test;552100554;;2025-10-05;2025-11-04;100;20;120;',
  '   ',
  'FA-2025-121;Garage Martin;garage@martin.test;;;32/10/2025;30/11/2025;10,00;2,00;12,00;',
  'FA-2025-122;Garage Martin;pas-un-email;;;01/11/2025;01/12/2025;abc;2,00;12,00;',
  'FA-2025-118;Doublon;d@d.test;;;01/11/2025;01/12/2025;10,00;2,00;12,00;',
  '',
].join('\r\n');

let t: FreshTenant;
beforeAll(async () => {
  t = await freshTenant('import');
  await t.ok('PUT', '/settings', companySettings);
});

const upload = (query: string, body = MESSY) => t.call('POST', `/imports/invoices${query}`, body, { 'content-type': 'text/csv; charset=utf-8' });

describe('POST /imports/invoices', () => {
  it('answers a dry run with what would be created and every row error, writing nothing', async () => {
    const res = await upload('?dryRun=true');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.dryRun).toBe(true);
    expect(res.json.errors).toEqual([
      { row: 7, field: 'issueDate', message: expect.stringMatching(/date/) },
      { row: 8, field: 'email', message: expect.any(String) },
      { row: 8, field: 'net', message: expect.stringMatching(/amount/) },
      { row: 9, field: 'number', message: 'appears twice in the file (row 2)' },
    ]);
    expect(res.json.items.map((i: any) => [i.row, i.number, i.action])).toEqual([
      [2, 'FA-2025-118', 'create'],
      [4, 'FA-2025-119', 'create'],
      [5, 'FA-2025-120', 'create'],
    ]);
    // Row 5 matches row 2's client by SIREN (another email): one client, not two.
    expect(res.json.items[0].clientId).toBe(res.json.items[2].clientId);
    expect(res.json.clientsCreated).toBe(2);
    expect((await t.get('/invoices?limit=100')).json.items).toEqual([]);
    expect((await t.get('/clients')).json.items).toEqual([]);
  });

  it('imports the good rows with their own numbers, amounts and what was already paid, marked imported', async () => {
    const res = await upload('');
    expect(res.status).toBe(200);
    expect([res.json.created, res.json.existing, res.json.clientsCreated, res.json.errors.length]).toEqual([3, 0, 2, 4]);
    await t.drain();
    const rows = (await t.get('/invoices?limit=100&sort=amount')).json.items;
    expect(rows.map((i: any) => [i.number, i.totals.netCents, i.totals.vatCents, i.totals.grossCents, i.paidCents, i.balanceCents, i.status, i.imported, i.clientName])).toEqual([
      ['FA-2025-118', 102_880, 20_576, 123_456, 0, 123_456, 'sent', true, 'Boulangerie Dupont; SARL'],
      ['FA-2025-119', 50_000, 10_000, 60_000, 20_000, 40_000, 'partially_paid', true, 'Élodie Lefèvre'],
      ['FA-2025-120', 10_000, 2_000, 12_000, 0, 12_000, 'sent', true, 'Boulangerie Dupont; SARL'],
    ]);
    const clients = (await t.get('/clients?sort=name')).json.items;
    expect(clients.map((c: any) => [c.name, c.kind, c.siren ?? null, c.balanceCents])).toEqual([
      ['Boulangerie Dupont; SARL', 'business', '552100554', 135_456],
      ['Élodie Lefèvre', 'consumer', null, 40_000],
    ]);
    // Our own numbering is untouched: the next invoice we issue is still F-<year>-0001.
    const own = await t.ok('POST', '/invoices', { clientId: clients[0].id, issueDate: '2025-11-01', dueDate: '2025-12-01', lines: [{ description: 'x', quantity: 1, unitPriceCents: 1000, vatRate: 20 }] });
    const sent = await t.ok('POST', `/invoices/${own.id}/send`);
    expect(sent.number).toMatch(/^F-\d{4}-0001$/);
  });

  it('changes nothing when the same file is uploaded again', async () => {
    const before = (await t.get('/invoices?limit=100')).json.items.length;
    const res = await upload('');
    expect([res.json.created, res.json.existing, res.json.clientsCreated]).toEqual([0, 3, 0]);
    expect(res.json.items.every((i: any) => i.action === 'exists')).toBe(true);
    expect((await t.get('/invoices?limit=100')).json.items.length).toBe(before);
  });

  it('takes JSON rows too, with `,` decimals irrelevant (cents)', async () => {
    const res = await t.call('POST', '/imports/invoices?dryRun=true', {
      invoices: [{ number: 'X-1', client: { name: 'Nouveau', email: 'n@n.test' }, issueDate: '2025-01-01', dueDate: '2024-12-01', grossCents: 1000 }],
    });
    expect(res.status).toBe(200);
    expect(res.json.errors).toEqual([{ row: 1, field: 'dueDate', message: 'is before the issue date' }]);
  });

  it('says what it takes when the body is neither a CSV nor rows', async () => {
    for (const res of [await upload('?dryRun=true', ''), await t.call('POST', '/imports/invoices?dryRun=true', { rows: [] })]) {
      expect(res.status).toBe(400);
      expect(res.json.errors).toEqual([{ path: 'body', message: 'must be a CSV (sent as text/csv, or { "csv": "…" }) or JSON { "invoices": [...] }' }]);
    }
  });

  it('answers a JSON row of the wrong shape as that row\'s errors, naming its field, as a bad CSV line (a fraction of a cent, a text, null, no client, a bad date, a negative amount)', async () => {
    const row = { number: 'X-2', client: { name: 'Nouveau', email: 'n@n.test' }, issueDate: '2025-01-01', dueDate: '2025-02-01', grossCents: 1000 };
    const cases: [Record<string, unknown>, { field: string; message: string }[]][] = [
      [{ grossCents: 12.5 }, [{ field: 'grossCents', message: 'must be a whole number (cents)' }]],
      [{ paidCents: '100' }, [{ field: 'paidCents', message: 'must be a number' }]],
      [{ netCents: null }, [{ field: 'netCents', message: 'must be a number' }]],
      [{ client: undefined }, [{ field: 'client', message: 'is required' }]],
      [{ number: 123 }, [{ field: 'number', message: 'must be a text' }]],
      [{ number: undefined }, [{ field: 'number', message: 'is required' }]],
      [{ number: 'N'.repeat(65) }, [{ field: 'number', message: 'is longer than 64 characters' }]],
      // A field named otherwise is named, never left out: `paid` for `paidCents` would import a paid invoice as owed.
      [{ paid: 1000 }, [{ field: 'paid', message: 'is not a known field' }]],
      [{ client: { name: 'Nouveau', mail: 'n@n.test' } }, [{ field: 'client.mail', message: 'is not a known field' }]],
      // The row's own checks, named by the JSON's fields.
      [{ issueDate: '2025-02-30' }, [{ field: 'issueDate', message: 'is not a date (JJ/MM/AAAA or AAAA-MM-JJ)' }]],
      [{ grossCents: -1000 }, [{ field: 'grossCents', message: 'is negative (a credit note? put its amount in the Avoirs column of the invoice it credits)' }]],
      [{ paidCents: -1 }, [{ field: 'paidCents', message: 'must not be negative' }]],
      [{ client: { name: 'Nouveau', email: 'pas-un-email' } }, [{ field: 'client.email', message: 'is not an email address' }]],
    ];
    for (const [change, rowErrors] of cases) {
      const res = await t.call('POST', '/imports/invoices?dryRun=true', { invoices: [row, { ...row, number: 'X-3', ...change }] });
      expect([res.status, res.json.errors, res.json.rows], JSON.stringify(change)).toEqual([200, rowErrors.map((e) => ({ row: 2, ...e })), 2]);
      // The good row is still reported as CSV reports it.
      expect(res.json.items.map((i: { row: number; number: string; action: string }) => [i.row, i.number, i.action])).toEqual([[1, 'X-2', 'create']]);
    }
    // A row that is no object at all.
    const notObject = await t.call('POST', '/imports/invoices?dryRun=true', { invoices: [row, 'X-3'] });
    expect([notObject.status, notObject.json.errors]).toEqual([200, [{ row: 2, field: 'row', message: 'must be an object { number, client, issueDate, dueDate, … }' }]]);
    const csv = await t.call('POST', '/imports/invoices?dryRun=true', { csv: 5 });
    expect(csv.json.errors?.map((e: { path: string }) => e.path)).toEqual(['body.csv']);
  });

  it('keeps the envelope\'s problems a 400 naming the field: rows that are not a list, no rows, more than 5,000 rows (nothing written)', async () => {
    const row = { number: 'ENV-1', client: { name: 'Enveloppe', email: 'env@env.test' }, issueDate: '2025-01-01', dueDate: '2025-02-01', grossCents: 1000 };
    for (const [body, path] of [
      [{ invoices: row }, 'body.invoices'],
      [{ invoices: [] }, 'body.invoices'],
      [{ invoices: Array.from({ length: 5_001 }, (_, i) => ({ ...row, number: `ENV-${i}` })) }, 'body.invoices'],
    ] as const) {
      const res = await t.call('POST', '/imports/invoices', body);
      expect([res.status, res.json.errors?.map((e: { path: string }) => e.path)]).toEqual([400, [path]]);
    }
    expect((await t.ok('GET', '/invoices?q=ENV')).items).toEqual([]);
  });

  it('imports the good JSON rows of a mixed file and reports the others, as CSV does', async () => {
    const u = await freshTenant('import-json-mixed');
    await u.ok('PUT', '/settings', companySettings);
    const row = (number: string) => ({ number, client: { name: 'Mixte', email: 'mixte@mixte.test' }, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 12_000 });
    const body = { invoices: [row('MIX-1'), { ...row('MIX-2'), grossCents: '120' }, { ...row('MIX-3'), dueDate: '2026-13-01' }, row('MIX-4')] };
    const dry = await u.call('POST', '/imports/invoices?dryRun=true', body);
    const expectedErrors = [
      { row: 2, field: 'grossCents', message: 'must be a number' },
      { row: 3, field: 'dueDate', message: 'is not a date (JJ/MM/AAAA or AAAA-MM-JJ)' },
    ];
    expect([dry.status, dry.json.rows, dry.json.created, dry.json.errors]).toEqual([200, 4, 2, expectedErrors]);
    expect((await u.ok('GET', '/invoices?limit=100')).items).toEqual([]);
    const real = await u.call('POST', '/imports/invoices', body);
    expect([real.status, real.json.created, real.json.clientsCreated, real.json.errors]).toEqual([200, 2, 1, expectedErrors]);
    await u.drain();
    expect((await u.ok('GET', '/invoices?limit=100&sort=dueDate')).items.map((i: { number: string; balanceCents: number }) => [i.number, i.balanceCents]).sort()).toEqual([['MIX-1', 12_000], ['MIX-4', 12_000]]);
  });

  it('never files a company under another by a shared email: a SIREN that differs from the client found by email makes a client of its own', async () => {
    const u = await freshTenant('import-siren-email');
    await u.ok('PUT', '/settings', companySettings);
    const alpha = await u.ok('POST', '/clients', { name: 'Alpha', kind: 'business', email: 'compta@cabinet.test', siren: '552100554' });
    const row = (number: string, siren?: string) => ({ number, client: { name: `Société ${number}`, email: 'COMPTA@cabinet.test', ...(siren ? { siren } : {}) }, issueDate: '2026-10-01', dueDate: '2026-10-31', grossCents: 1_000 });
    const res = await u.call('POST', '/imports/invoices?dryRun=true', { invoices: [row('S-1', '356 000 000'), row('S-2'), row('S-3', '552100554')] });
    expect(res.json.errors).toEqual([]);
    const [other, noSiren, same] = res.json.items;
    // Same email, another company: a new client; no SIREN said, or the same one: the client found.
    expect([other.clientId === alpha.id, other.newClient, noSiren.clientId, same.clientId]).toEqual([false, true, alpha.id, alpha.id]);
    expect(res.json.clientsCreated).toBe(1);
  });

  it('refuses a CSV of more than 5,000 rows as the JSON rows are (400 naming body, nothing written): it is checked within the request', async () => {
    const rows = (n: number) => ['N° facture;Client;E-mail;Date facture;Échéance;TTC', ...Array.from({ length: n }, (_, i) => `BIG-${i};Client ${i % 7};big${i % 7}@big.test;01/10/2025;31/10/2025;10,00`), '', ''].join('\r\n');
    const big = await upload('', rows(5_001));
    expect([big.status, big.json.errors]).toEqual([400, [{ path: 'body', message: 'has 5001 rows: at most 5000 per import, split the file' }]]);
    expect((await t.ok('GET', '/invoices?q=BIG')).items).toEqual([]);
    expect((await t.ok('GET', '/clients?q=big0')).items).toEqual([]);
    const asJson = await t.call('POST', '/imports/invoices?dryRun=true', { csv: rows(5_001) });
    expect(asJson.json.errors).toEqual([{ path: 'body', message: 'has 5001 rows: at most 5000 per import, split the file' }]);
    const fits = await upload('?dryRun=true', rows(5_000)); // blank lines are no rows
    expect([fits.status, fits.json.rows, fits.json.errors]).toEqual([200, 5_000, []]);
  });

  it('reads a `,`-separated file with quoted French amounts', async () => {
    const csv = 'number,client,email,issueDate,dueDate,gross\nC-9,"Café, Bar",cafe@bar.test,2025-03-01,2025-03-31,"1 234,56"\n';
    const res = await t.call('POST', '/imports/invoices?dryRun=true', { csv });
    expect(res.json.errors).toEqual([]);
    expect(res.json.items.map((i: any) => i.number)).toEqual(['C-9']);
  });
});

describe('GET /invoices/export.csv', () => {
  it('exports the list with its filters, `;`-separated with French decimals', async () => {
    const res = await t.call('GET', '/invoices/export.csv?sort=amount&status=partially_paid');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    const lines = res.text!.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Numéro;Client;E-mail;SIREN;Type;Date facture;Échéance;HT;TVA;TTC;Réglé;Avoirs;Solde;Statut;Jours de retard;Dernière relance;Importée');
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^FA-2025-119;Élodie Lefèvre;elodie@particulier\.test;;particulier;01\/10\/2025;31\/10\/2025;500,00;100,00;600,00;200,00;0,00;400,00;partiellement payée;\d+;;oui$/)]);
    const all = (await t.call('GET', '/invoices/export.csv')).text!.trim().split('\r\n');
    expect(all).toHaveLength(1 + 4);
    expect(all.some((l) => l.startsWith('FA-2025-118;"Boulangerie Dupont; SARL";'))).toBe(true);
  });
});
