import { beforeAll, describe, expect, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';

/**
 * The accountant's CSV opens in French Excel (`;`, comma decimals, dates JJ/MM/AAAA, BOM) and
 * goes back in through the import: what `GET /invoices/export.csv` writes, `POST /imports/invoices`
 * reads, into another tenant (the same balances) or the same one (nothing created twice).
 */
let source: FreshTenant;
const upload = (t: FreshTenant, csv: string, query = '') => t.call('POST', `/imports/invoices${query}`, csv, { 'content-type': 'text/csv; charset=utf-8' });
const dataLines = (csv: string) => csv.replace(/^\ufeff/, '').trim().split('\r\n').slice(1);
const frDate = (iso: string) => iso.split('-').reverse().join('/');
type Row = { number: string; clientName: string; issueDate: string; dueDate: string; totals: { grossCents: number }; balanceCents: number; status: string };
const summary = (items: Row[]) =>
  items.map((i) => [i.number, i.clientName, i.issueDate, i.dueDate, i.totals.grossCents, i.balanceCents]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

beforeAll(async () => {
  source = await freshTenant('export-rt');
  await source.ok('PUT', '/settings', companySettings);
  // Invoices of our own: a partial payment, a credit note, one fully open, one cancelled by a credit note.
  const client = await source.ok('POST', '/clients', aBusinessClientInput({ name: 'Boulangerie Dupré; Fils', email: 'compta@dupre-rt.test', siren: '552100554' }));
  const issue = addDays(parisToday(), -45);
  const due = addDays(parisToday(), -15);
  const ours = [];
  for (const unitPriceCents of [100_000, 50_000, 20_000, 7_000]) {
    const draft = await source.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: issue, dueDate: due, lines: [{ description: 'Travaux', quantity: 1, unitPriceCents, vatRate: 20 }] }));
    ours.push(await source.ok('POST', `/invoices/${draft.id}/send`));
  }
  await source.ok('POST', `/invoices/${ours[0].id}/payments`, { amountCents: 23_456, date: parisToday(), method: 'transfer' });
  await source.ok('POST', `/invoices/${ours[1].id}/credit-notes`, { reason: 'Remise commerciale', amountCents: 12_000 });
  await source.ok('POST', `/invoices/${ours[3].id}/credit-notes`, { reason: 'Annulée' });
  // Imported ones: a consumer without SIREN, a number a spreadsheet would run as a formula.
  const imported = await source.call('POST', '/imports/invoices', {
    invoices: [
      { number: 'EXT-7', client: { name: 'Élodie Lefèvre', email: 'elodie@rt.test', kind: 'consumer' }, issueDate: '2026-02-28', dueDate: '2026-03-30', grossCents: 123_456, paidCents: 23_456 },
      { number: '-12', client: { name: '=Garage', email: 'garage@rt.test', kind: 'business' }, issueDate: '2026-01-31', dueDate: '2026-03-02', netCents: 1_000, vatCents: 200, grossCents: 1_200, paidCents: 0 },
    ],
  });
  expect(imported.json.created, JSON.stringify(imported.json)).toBe(2);
  await source.drain();
}, 60_000);

describe('GET /invoices/export.csv for French Excel, read back by POST /imports/invoices', () => {
  it('writes dates as JJ/MM/AAAA, the client identity the import matches on, amounts with a decimal comma', async () => {
    const res = await source.call('GET', '/invoices/export.csv?sort=amount');
    expect(res.status).toBe(200);
    expect([...res.bytes!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8 (TextDecoder drops it from text)
    const [header] = res.text!.replace(/^\ufeff/, '').split('\r\n');
    expect(header).toBe('Numéro;Client;E-mail;SIREN;Type;Date facture;Échéance;HT;TVA;TTC;Réglé;Avoirs;Solde;Statut;Jours de retard;Dernière relance;Importée');
    const lines = dataLines(res.text!);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^EXT-7;Élodie Lefèvre;elodie@rt\.test;;particulier;28\/02\/2026;30\/03\/2026;1234,56;0,00;1234,56;234,56;0,00;1000,00;partiellement payée;\d+;(\d\d\/\d\d\/\d{4})?;oui$/);
    const dupre = lines.filter((l) => l.includes('Dupré'));
    expect(dupre).toHaveLength(4);
    expect(dupre.filter((l) => l.includes(';84,00;0,00;84,00;0,00;annulée;'))).toHaveLength(1); // TTC, Réglé, Avoirs, Solde, Statut
    for (const l of dupre) expect(l).toMatch(new RegExp(`^F-\\d{4}-\\d{4};"Boulangerie Dupré; Fils";compta@dupre-rt\\.test;552100554;professionnel;${frDate(addDays(parisToday(), -45))};${frDate(addDays(parisToday(), -15))};`));
    expect(lines.some((l) => l.startsWith("'-12;'=Garage;garage@rt.test;;professionnel;31/01/2026;02/03/2026;10,00;2,00;12,00;"))).toBe(true);
  });

  it('imports its own export into another tenant with the same numbers, clients, dates and balances; dry run and real import agree', async () => {
    const csv = (await source.call('GET', '/invoices/export.csv')).text!;
    const target = await freshTenant('export-rt-in');
    await target.ok('PUT', '/settings', companySettings);
    const dry = await upload(target, csv, '?dryRun=true');
    expect(dry.status, JSON.stringify(dry.json)).toBe(200);
    expect(dry.json.errors).toEqual([]);
    const real = await upload(target, csv);
    expect(real.status, JSON.stringify(real.json)).toBe(200);
    expect({ ...real.json, dryRun: true }).toEqual(dry.json);
    expect(real.json).toMatchObject({ created: 6, clientsCreated: 3, errors: [] });
    await target.drain();

    const before = summary((await source.ok('GET', '/invoices?limit=100')).items);
    const after = summary((await target.ok('GET', '/invoices?limit=100')).items);
    expect(after).toEqual(before);
    const clients = (await target.ok('GET', '/clients?sort=name')).items.map((c: { name: string; email: string; siren?: string; kind: string }) => [c.name, c.email, c.siren, c.kind]);
    expect(clients).toEqual([
      ['=Garage', 'garage@rt.test', undefined, 'business'],
      ['Boulangerie Dupré; Fils', 'compta@dupre-rt.test', '552100554', 'business'],
      ['Élodie Lefèvre', 'elodie@rt.test', undefined, 'consumer'],
    ]);
    // Re-exported, each line says the same of the invoice: number, client, dates, amounts, what was paid,
    // what credit notes took off, the balance, the status and the days late (a credited invoice is no
    // payment: cancelled by its credit note, it comes back cancelled, not paid).
    const cells = (csv: string) => dataLines(csv).map((l) => l.replace('"Boulangerie Dupré; Fils"', 'Dupré').split(';')).map((c) => c.slice(0, 15));
    expect(cells((await target.call('GET', '/invoices/export.csv?sort=amount')).text!)).toEqual(cells((await source.call('GET', '/invoices/export.csv?sort=amount')).text!));
  });

  it('keeps a credit note a credit note: the statement shows it as one, no payment, and the balances agree', async () => {
    const csv = (await source.call('GET', '/invoices/export.csv')).text!;
    const target = await freshTenant('export-rt-cn');
    await target.ok('PUT', '/settings', companySettings);
    expect((await upload(target, csv)).json).toMatchObject({ created: 6, errors: [] });
    await target.drain();
    const rows = (await target.ok('GET', '/invoices?limit=100')).items as (Row & { id: string; paidCents: number; creditedCents: number; importedCreditedCents?: number })[];
    const byGross = (g: number) => rows.find((i) => i.totals.grossCents === g)!;
    expect([byGross(8_400).status, byGross(8_400).paidCents, byGross(8_400).creditedCents, byGross(8_400).importedCreditedCents, byGross(8_400).balanceCents]).toEqual(['cancelled', 0, 8_400, 8_400, 0]);
    expect([byGross(60_000).paidCents, byGross(60_000).creditedCents, byGross(60_000).balanceCents]).toEqual([0, 12_000, 48_000]);
    const client = (await target.ok('GET', '/clients?q=dupre')).items[0];
    const statement = await target.ok('GET', `/clients/${client.id}/statement`);
    const ofCredited = statement.lines.filter((l: { invoiceId: string }) => l.invoiceId === byGross(60_000).id).map((l: { kind: string; reference: string; debitCents: number; creditCents: number }) => [l.kind, l.reference, l.debitCents, l.creditCents]);
    expect(ofCredited).toEqual([['invoice', byGross(60_000).number, 60_000, 0], ['credit_note', 'Avoirs avant import', 0, 12_000]]);
    expect(statement.lines.some((l: { invoiceId: string }) => l.invoiceId === byGross(8_400).id)).toBe(false); // cancelled: nothing open
    const [was, now] = await Promise.all([source.ok('GET', '/cockpit'), target.ok('GET', '/cockpit')]);
    expect([now.outstandingCents, now.openInvoices, now.collectedCents.year]).toEqual([was.outstandingCents, was.openInvoices, 0]);
  });

  it('uploaded again to the tenant it came from, creates nothing: imported rows exist, our own numbers are named as ours', async () => {
    const csv = (await source.call('GET', '/invoices/export.csv')).text!;
    const res = await upload(source, csv);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ created: 0, existing: 2, clientsCreated: 0 });
    expect(res.json.errors).toHaveLength(4);
    for (const e of res.json.errors) expect(e).toMatchObject({ field: 'number', message: expect.stringMatching(/^is already the number of an invoice \(F-\d{4}-\d{4}\)$/) });
  });
});
