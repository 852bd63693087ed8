import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * `GET /invoices?sort=daysLate` over every invoice: the late ones first, most late first (awaiting
 * payment and in litigation alike), then those 0 days late; a paid invoice with an old due date is
 * never among the late ones. `order=asc` is the exact reverse; cursors page through it all.
 */
const T = parisToday();
const d = (offset: number) => addDays(T, offset);
let t: FreshTenant;
const byId: Record<string, string> = {};

const keysOf = (items: { id: string }[]) => items.map((i) => byId[i.id]!);
const allPages = async (query: string, limit: number) => {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await t.get(`/invoices?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    out.push(...keysOf(res.json.items));
    cursor = res.json.nextCursor;
  } while (cursor);
  return out;
};

beforeAll(async () => {
  t = await freshTenant('days-late');
  await t.ok('PUT', '/settings', companySettings);
  const client = await t.ok('POST', '/clients', { name: 'Garage Martin', kind: 'business', email: 'garage@martin.test' });
  // key, issue, due, then: paid | litigation | draft
  const specs = [
    ['PAID', -120, -90, 'paid'], ['L1', -60, -40, 'litigation'], ['O1', -70, -50, ''], ['O2', -30, -10, ''], ['L2', -20, -5, 'litigation'],
    ['N1', -5, 10, ''], ['N2', -3, 20, ''], ['DR', -1, 30, 'draft'],
  ] as const;
  const idOf: Record<string, string> = {};
  for (const [key, issue, due] of specs) {
    const inv = await t.ok('POST', '/invoices', { clientId: client.id, issueDate: d(issue), dueDate: d(due), lines: [{ description: key, quantity: 1, unitPriceCents: 10_000, vatRate: 20 }] });
    byId[inv.id] = key;
    idOf[key] = inv.id;
  }
  // Sent in the order of their dates: numbers follow the issue dates (CGI 242 nonies A).
  for (const [key, , due, then] of [...specs].sort((a, b) => a[1] - b[1])) {
    if (then === 'draft') continue;
    const inv = { id: idOf[key]! };
    await t.ok('POST', `/invoices/${inv.id}/send`);
    if (then === 'paid') await t.ok('POST', `/invoices/${inv.id}/payments`, { amountCents: 12_000, date: d(due) });
    if (then === 'litigation') await t.ok('POST', `/invoices/${inv.id}/litigation`, { reason: 'Mise en demeure restée sans effet' });
  }
  await t.drain();
}, 120_000);

describe('GET /invoices?sort=daysLate, no status', () => {
  it('lists the late invoices first, most late first, then those 0 days late by due date', async () => {
    const res = await t.get('/invoices?sort=daysLate&limit=100');
    expect(res.status).toBe(200);
    expect(keysOf(res.json.items)).toEqual(['O1', 'L1', 'O2', 'L2', 'PAID', 'N1', 'N2', 'DR']);
    const days = res.json.items.map((i: any) => i.daysLate);
    expect(days).toEqual([...days].sort((a: number, b: number) => b - a));
  });

  it('runs the other way with order=asc, and pages through both ways with cursors', async () => {
    expect(keysOf((await t.get('/invoices?sort=daysLate&order=asc&limit=100')).json.items)).toEqual(['DR', 'N2', 'N1', 'PAID', 'L2', 'O2', 'L1', 'O1']);
    for (const limit of [1, 2, 3]) {
      expect(await allPages('sort=daysLate', limit)).toEqual(['O1', 'L1', 'O2', 'L2', 'PAID', 'N1', 'N2', 'DR']);
      expect(await allPages('sort=daysLate&order=asc', limit)).toEqual(['DR', 'N2', 'N1', 'PAID', 'L2', 'O2', 'L1', 'O1']);
    }
  });

  it('keeps the other filters', async () => {
    expect(keysOf((await t.get('/invoices?sort=daysLate&maxDaysLate=45')).json.items)).toEqual(['L1', 'O2', 'L2', 'PAID', 'N1', 'N2', 'DR'].filter((k) => k !== 'PAID'));
    expect(keysOf((await t.get('/invoices?sort=daysLate&dueWithinDays=15')).json.items)).toEqual(['N1']);
  });

  it('keeps open=true to what awaits payment: nothing in litigation, as in the other sorts (the « non relancées » tab)', async () => {
    expect(keysOf((await t.get('/invoices?sort=dueDate&open=true&limit=100')).json.items)).toEqual(['O1', 'O2', 'N1', 'N2']);
    for (const query of ['sort=daysLate&open=true', 'sort=daysLate&open=true&reminded=false']) {
      expect(keysOf((await t.get(`/invoices?${query}&limit=100`)).json.items), query).toEqual(['O1', 'O2', 'N1', 'N2']);
      expect(keysOf((await t.get(`/invoices?${query}&order=asc&limit=100`)).json.items), query).toEqual(['N2', 'N1', 'O2', 'O1']);
      for (const limit of [1, 3]) expect(await allPages(query, limit), `${query} limit=${limit}`).toEqual(['O1', 'O2', 'N1', 'N2']);
    }
  });

  it('answers open=true with a status that awaits no payment (paid, litigation, draft), and status=overdue&overdue=false, with nothing, whatever the sort', async () => {
    for (const sort of ['dueDate', 'amount', 'daysLate', 'client', 'lastReminder']) {
      for (const status of ['paid', 'litigation', 'draft', 'cancelled']) {
        expect(keysOf((await t.get(`/invoices?status=${status}&open=true&sort=${sort}&limit=100`)).json.items), `${status} ${sort}`).toEqual([]);
      }
      expect(keysOf((await t.get(`/invoices?status=overdue&overdue=false&sort=${sort}&limit=100`)).json.items), `overdue=false ${sort}`).toEqual([]);
      const sent = keysOf((await t.get(`/invoices?status=sent&sort=${sort}&limit=100`)).json.items);
      expect(keysOf((await t.get(`/invoices?status=sent&open=true&sort=${sort}&limit=100`)).json.items), sort).toEqual(sent);
    }
  });

  it('sorts overdue=false by days late too: what is in litigation past its due date first, most late first', async () => {
    expect(keysOf((await t.get('/invoices?sort=daysLate&overdue=false&limit=100')).json.items)).toEqual(['L1', 'L2', 'PAID', 'N1', 'N2', 'DR']);
    expect(keysOf((await t.get('/invoices?sort=daysLate&overdue=false&order=asc&limit=100')).json.items)).toEqual(['DR', 'N2', 'N1', 'PAID', 'L2', 'L1']);
    for (const limit of [1, 2, 4]) {
      expect(await allPages('sort=daysLate&overdue=false', limit)).toEqual(['L1', 'L2', 'PAID', 'N1', 'N2', 'DR']);
      expect(await allPages('sort=daysLate&overdue=false&order=asc', limit)).toEqual(['DR', 'N2', 'N1', 'PAID', 'L2', 'L1']);
    }
  });

  it('sorts one client’s invoices by days late the same way, those 0 days late by due date too', async () => {
    // They came by due date the other way (the draft first): the client's page and the whole list disagreed.
    const clientId = (await t.get('/clients')).json.items[0].id;
    expect(keysOf((await t.get(`/invoices?clientId=${clientId}&sort=daysLate&limit=100`)).json.items)).toEqual(['O1', 'L1', 'O2', 'L2', 'PAID', 'N1', 'N2', 'DR']);
    expect(keysOf((await t.get(`/invoices?clientId=${clientId}&sort=daysLate&order=asc&limit=100`)).json.items)).toEqual(['DR', 'N2', 'N1', 'PAID', 'L2', 'O2', 'L1', 'O1']);
  });

  it('keeps the days-late filters on the contentieux tab: an invoice in litigation past its due date is late', async () => {
    const keys = async (query: string) => keysOf((await t.get(`/invoices?${query}&limit=100`)).json.items).sort();
    const clientId = (await t.get('/clients')).json.items[0].id;
    for (const query of ['status=litigation&minDaysLate=1', 'status=litigation&overdue=true', 'status=litigation&overdue=true&sort=amount', 'status=litigation&minDaysLate=1&sort=daysLate', `clientId=${clientId}&status=litigation&overdue=true`]) {
      expect(await keys(query), query).toEqual(['L1', 'L2']);
    }
    expect(await keys('status=litigation&minDaysLate=10&maxDaysLate=45')).toEqual(['L1']);
    expect(await keys('status=litigation&overdue=false')).toEqual([]);
    // Nothing paid is late, whatever its due date.
    expect(await keys('status=paid&overdue=true')).toEqual([]);
    expect(await keys('status=paid&overdue=false')).toEqual(['PAID']);
  });

  it('refuses a cursor of another list', async () => {
    const first = await t.get('/invoices?sort=amount&limit=2');
    const res = await t.get(`/invoices?sort=daysLate&limit=2&cursor=${first.json.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: any) => e.path)).toEqual(['query.cursor']);
  });
});
