import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * A final invoice (facture de solde) deducts the deposits invoiced before it. In the accountant's
 * CSV its row bills what the final invoice bills — the job's total less the deposits, which have
 * rows of their own — so every row adds up (TTC − Réglé − Avoirs = Solde) and the file imported
 * elsewhere owes what the source owes, not the deposits a second time.
 */
const T = parisToday();
const d = (offset: number) => addDays(T, offset);
let source: FreshTenant;
const cents = (cell: string) => Math.round(Number(cell.replace(',', '.')) * 100);
const rowsOf = (csv: string) => csv.replace(/^\ufeff/, '').trim().split('\r\n').slice(1).map((l) => l.split(';'));

beforeAll(async () => {
  source = await freshTenant('export-final');
  await source.ok('PUT', '/settings', companySettings);
  const client = await source.ok('POST', '/clients', { name: 'Maison Durand', kind: 'consumer', email: 'durand@final.test' });
  // Two jobs: one whose final invoice stays open, one whose final invoice is cancelled by a credit note.
  // Deposits first, then final invoices: numbers follow the issue dates (CGI 242 nonies A).
  const jobs: { quoteId: string; deposit: { id: string; totals: { grossCents: number } }; cancel: boolean }[] = [];
  for (const cancel of [false, true]) {
    const quote = await source.ok('POST', '/quotes', {
      clientId: client.id, issueDate: d(-40), validityDays: 365,
      lines: [{ description: 'Salle de bain', quantity: 1, unitPriceCents: 1_000_000, vatRate: 10 }, { description: 'Faïence', quantity: 3, unitPriceCents: 3_333, vatRate: 20 }],
    });
    await source.ok('POST', `/quotes/${quote.id}/send`);
    await source.ok('POST', `/quotes/${quote.id}/accept`);
    const deposit = await source.ok('POST', `/quotes/${quote.id}/deposits`, { percent: 30, issueDate: d(-30), dueDate: d(-20) });
    await source.ok('POST', `/invoices/${deposit.id}/send`);
    await source.ok('POST', `/invoices/${deposit.id}/payments`, { amountCents: 10_000, date: d(-25) });
    jobs.push({ quoteId: quote.id, deposit, cancel });
  }
  for (const { quoteId, deposit, cancel } of jobs) {
    const final = await source.ok('POST', `/quotes/${quoteId}/final-invoice`, { issueDate: d(-10), dueDate: d(20) });
    expect(final.deductedCents).toBe(deposit.totals.grossCents);
    await source.ok('POST', `/invoices/${final.id}/send`);
    if (cancel) await source.ok('POST', `/invoices/${final.id}/cancel`, { reason: 'Chantier annulé' });
  }
  await source.drain();
}, 120_000);

describe('GET /invoices/export.csv with final invoices', () => {
  it('writes a final invoice net of its deposits: each row adds up, HT + TVA = TTC', async () => {
    const res = await source.call('GET', '/invoices/export.csv');
    expect(res.status).toBe(200);
    const rows = rowsOf(res.text!);
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      const [net, vat, gross, paid, credited, balance] = [7, 8, 9, 10, 11, 12].map((i) => cents(r[i]!));
      expect(net! + vat!, r.join(';')).toBe(gross);
      expect(gross! - paid! - credited!, r.join(';')).toBe(balance);
    }
    const listed = (await source.ok('GET', '/invoices?limit=100')).items as { number: string; deductedCents?: number; totals: { netCents: number; vatCents: number; grossCents: number }; balanceCents: number }[];
    const final = listed.find((i) => i.deductedCents && i.balanceCents > 0)!;
    const row = rows.find((r) => r[0] === final.number)!;
    expect([cents(row[9]!), cents(row[12]!)]).toEqual([final.totals.grossCents - final.deductedCents!, final.balanceCents]);
  });

  it('imported into another tenant, owes what the source owes, the cancelled final invoice cancelled', async () => {
    const csv = (await source.call('GET', '/invoices/export.csv')).text!;
    const target = await freshTenant('export-final-in');
    await target.ok('PUT', '/settings', companySettings);
    const res = await target.call('POST', '/imports/invoices', csv, { 'content-type': 'text/csv; charset=utf-8' });
    expect(res.json).toMatchObject({ created: 4, errors: [] });
    await target.drain();
    const summary = async (t: FreshTenant) =>
      ((await t.ok('GET', '/invoices?limit=100')).items as { number: string; status: string; balanceCents: number }[]).map((i) => [i.number, i.status, i.balanceCents]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(await summary(target)).toEqual(await summary(source));
    const [was, now] = await Promise.all([source.ok('GET', '/cockpit'), target.ok('GET', '/cockpit')]);
    expect([now.outstandingCents, now.openInvoices]).toEqual([was.outstandingCents, was.openInvoices]);
  });
});
