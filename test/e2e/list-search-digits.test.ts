import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * `GET /invoices?q=` with a digit in a client's name: `garage 2000`, `3 frères`. Any digit used to
 * make `q` a number search, so the follow-up list (and its CSV export) found nothing while
 * `GET /clients?q=` found the client. A `q` that starts or ends no invoice number now searches the
 * client names as one without digits does; numbers keep their precedence.
 */
const T = parisToday();
let t: FreshTenant;
const keyOf: Record<string, string> = {};

const keys = async (query: string) => {
  const res = await t.get(`/invoices?${query}`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.items.map((i: { id: string }) => keyOf[i.id]);
};

beforeAll(async () => {
  t = await freshTenant('list-digits');
  await t.ok('PUT', '/settings', companySettings);
  const clients = { G: 'Garage 2000', B: 'Boulangerie des 3 Frères', D: 'Dupont Plomberie' } as const;
  const ids: Record<string, string> = {};
  for (const [k, name] of Object.entries(clients)) ids[k] = (await t.ok('POST', '/clients', { name, kind: 'business', email: `${k.toLowerCase()}@digits.test` })).id;
  // Numbered F-<year>-0001 … 0004 in this order (all dated today).
  for (const [key, client, due] of [['D1', 'D', 10], ['G1', 'G', 20], ['B1', 'B', 15], ['G2', 'G', 30]] as const) {
    const inv = await t.ok('POST', '/invoices', { clientId: ids[client], issueDate: T, dueDate: addDays(T, due), lines: [{ description: key, quantity: 1, unitPriceCents: 10_000, vatRate: 20 }] });
    await t.ok('POST', `/invoices/${inv.id}/send`);
    keyOf[inv.id] = key;
  }
  await t.drain();
}, 120_000);

describe('GET /invoices?q= with digits in a client name', () => {
  it('finds the client by its words, digits included, in any order, as GET /clients?q= does', async () => {
    expect(await keys('q=garage%202000')).toEqual(['G1', 'G2']);
    expect(await keys('q=2000%20garage')).toEqual(['G1', 'G2']);
    expect(await keys(`q=${encodeURIComponent('3 frères')}`)).toEqual(['B1']);
    expect(await keys('q=2000')).toEqual(['G1', 'G2']);
    expect((await t.get('/clients?q=garage%202000')).json.items.map((c: { name: string }) => c.name)).toEqual(['Garage 2000']);
  });

  it('pages such a search with cursors, and the export lists the same invoices', async () => {
    const first = await t.get('/invoices?q=garage%202000&limit=1');
    expect(first.json.items.map((i: { id: string }) => keyOf[i.id])).toEqual(['G1']);
    expect(first.json.nextCursor).toBeTruthy();
    const second = await t.get(`/invoices?q=garage%202000&limit=1&cursor=${encodeURIComponent(first.json.nextCursor)}`);
    expect(second.status, JSON.stringify(second.json)).toBe(200);
    expect(second.json.items.map((i: { id: string }) => keyOf[i.id])).toEqual(['G2']);
    const csv = await t.get('/invoices/export.csv?q=garage%202000');
    expect(csv.status).toBe(200);
    const rows = csv.text!.replace(/^\ufeff/, '').trim().split(/\r?\n/).slice(1);
    expect(rows.map((r) => r.split(';')[1])).toEqual(['Garage 2000', 'Garage 2000']);
  });

  it('keeps numbers first: digits ending one of ours, a number prefix, a number typed without dashes', async () => {
    const year = T.slice(0, 4);
    expect(await keys('q=3')).toEqual(['B1']);
    expect(await keys('q=0004')).toEqual(['G2']);
    expect(await keys(`q=F-${year}-000`)).toEqual(['D1', 'G1', 'B1', 'G2']);
    expect(await keys(`q=F${year}0002`)).toEqual(['G1']);
    // A number no invoice has, and no client name: nothing.
    expect(await keys(`q=F-${year}-9`)).toEqual([]);
  });
});
