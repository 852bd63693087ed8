import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * A list's cursor pages the query that gave it, and no other: a cursor of `order=desc` sent with `order=asc`
 * resumed an ascending read from a descending position (rows skipped or repeated, answered 200), and one kept
 * after a filter or search changed paged the new list from the old one's row. Now a 400 naming `query.cursor`
 * (shared/http/list-query-seal.ts); the same query with another page size still pages.
 */
const T = parisToday();
let t: FreshTenant;
let clientId = '';

const page = async (query: string, cursor?: string) => t.get(`/invoices?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
const refusal = (res: { status: number; json: { errors?: { path: string; message: string }[] } }) => [res.status, (res.json.errors ?? []).map((e) => e.path)];

beforeAll(async () => {
  t = await freshTenant('cursor-query');
  await t.ok('PUT', '/settings', companySettings);
  const rows = [1, 2, 3, 4].map((i) => ({ number: `CQ-${i}`, client: { name: `Client ${i}`, email: `c${i}@cursor.test`, kind: 'business' }, issueDate: addDays(T, -60), dueDate: addDays(T, -40 + i), grossCents: 10_000 * i }));
  expect((await t.ok('POST', '/imports/invoices', { invoices: rows })).created).toBe(4);
  await t.drain();
  clientId = (await t.get('/clients?q=client%201')).json.items[0].id;
}, 120_000);

describe('a list cursor given with another query', () => {
  it('pages GET /invoices as asked, with any page size', async () => {
    const first = await page('sort=dueDate&order=desc&limit=1');
    expect([first.status, typeof first.json.nextCursor]).toEqual([200, 'string']);
    const next = await page('sort=dueDate&order=desc&limit=2', first.json.nextCursor);
    expect(next.status, JSON.stringify(next.json)).toBe(200);
    expect([...first.json.items, ...next.json.items].map((i: { number: string }) => i.number)).toEqual(['CQ-4', 'CQ-3', 'CQ-2']);
  });

  it('is refused with 400 naming query.cursor for another order, sort, filter or search (it answered 200 from the wrong row)', async () => {
    const desc = (await page('sort=dueDate&order=desc&limit=1')).json.nextCursor as string;
    for (const other of ['sort=dueDate&order=asc', 'sort=dueDate', 'sort=amount&order=desc', 'sort=dueDate&order=desc&status=sent', 'sort=dueDate&order=desc&q=CQ', `sort=dueDate&order=desc&clientId=${clientId}`]) {
      const res = await page(`${other}&limit=1`, desc);
      expect(refusal(res), other).toEqual([400, ['query.cursor']]);
      expect(res.type).toContain('application/problem+json');
      expect(res.json.errors[0].message).toBe('was given for another sort, order or filter of this list: start again without a cursor');
    }
    // The other way round too: an ascending cursor is no descending one.
    const asc = (await page('sort=dueDate&order=asc&limit=1')).json.nextCursor as string;
    expect(refusal(await page('sort=dueDate&order=desc&limit=1', asc))).toEqual([400, ['query.cursor']]);
  });

  it('is refused on GET /clients for another sort or search, and on a timeline of another invoice', async () => {
    const byName = await t.get('/clients?sort=name&limit=1');
    expect(typeof byName.json.nextCursor).toBe('string');
    expect((await t.get(`/clients?sort=name&limit=3&cursor=${byName.json.nextCursor}`)).status).toBe(200);
    for (const other of ['sort=balance', 'sort=name&q=client']) {
      expect(refusal(await t.get(`/clients?${other}&limit=1&cursor=${byName.json.nextCursor}`)), other).toEqual([400, ['query.cursor']]);
    }
    const [a, b] = (await page('sort=dueDate&limit=2')).json.items as { id: string }[];
    const timeline = await t.get(`/invoices/${a!.id}/timeline?limit=1`);
    expect(typeof timeline.json.nextCursor).toBe('string');
    expect((await t.get(`/invoices/${a!.id}/timeline?limit=1&cursor=${timeline.json.nextCursor}`)).status).toBe(200);
    expect(refusal(await t.get(`/invoices/${b!.id}/timeline?limit=1&cursor=${timeline.json.nextCursor}`))).toEqual([400, ['query.cursor']]);
  });
});
