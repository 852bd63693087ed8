import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * Paging through the follow-up list when many rows share a sort key (same amount, never reminded,
 * same client and due date). Imported invoices have ids of mixed case (`imp-inv-aB_c…`): the
 * list's merges of several partitions must order ties as DynamoDB does (by bytes), or a page
 * resumes a partition from the wrong row and rows are listed twice or never.
 */
const T = parisToday();
const d = (offset: number) => addDays(T, offset);
let t: FreshTenant;
let total = 0;
let martinId = '';
let longestCursor = 0;

const allPages = async (query: string, limit: number) => {
  const out: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const res = await t.get(`/invoices?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    out.push(...res.json.items.map((i: { id: string; number?: string }) => `${i.number ?? 'draft'} ${i.id}`));
    cursor = res.json.nextCursor;
    longestCursor = Math.max(longestCursor, cursor?.length ?? 0);
    expect(++pages).toBeLessThan(200);
  } while (cursor);
  return out;
};

beforeAll(async () => {
  // A tenant id of 64 characters, the longest a sign-up gives (custom:tenantId): cursors carry keys holding it.
  t = await freshTenant('page-ties-with-a-long-tenant-id-00000');
  expect(t.tenantId).toHaveLength(64);
  await t.ok('PUT', '/settings', companySettings);
  const martin = { name: 'Garage Martin', email: 'garage@martin.test', kind: 'business' };
  const durand = { name: 'Garage Durand', email: 'garage@durand.test', kind: 'business' };
  const rows = [];
  // Same amount, same due date, same client, never reminded: every sort key ties but the id.
  for (let i = 1; i <= 8; i++) rows.push({ number: `OPEN-${i}`, client: martin, issueDate: d(-60), dueDate: d(-30), grossCents: 12_000 });
  for (let i = 1; i <= 5; i++) rows.push({ number: `PAID-${i}`, client: martin, issueDate: d(-60), dueDate: d(-30), grossCents: 12_000, paidCents: 12_000 });
  for (let i = 1; i <= 3; i++) rows.push({ number: `CANC-${i}`, client: durand, issueDate: d(-60), dueDate: d(-30), grossCents: 12_000, creditedCents: 12_000 });
  for (let i = 1; i <= 4; i++) rows.push({ number: `LIT-${i}`, client: durand, issueDate: d(-60), dueDate: d(-30), grossCents: 12_000 });
  total = rows.length;
  const res = await t.ok('POST', '/imports/invoices', { invoices: rows });
  expect(res.created).toBe(total);
  await t.drain();
  const lit = (await t.get('/invoices?q=LIT&limit=100')).json.items as { id: string }[];
  expect(lit).toHaveLength(4);
  for (const i of lit) await t.ok('POST', `/invoices/${i.id}/litigation`, { reason: 'Mise en demeure restée sans effet' });
  await t.drain();
  // Garage Martin's invoices in every status group: drafts, open, paid, cancelled, litigation, written off.
  martinId = (await t.get('/clients?q=martin')).json.items[0].id;
  for (let i = 0; i < 3; i++) await t.ok('POST', '/invoices', { clientId: martinId, issueDate: d(-40), dueDate: d(-30 + i), lines: [{ description: `Brouillon ${i}`, quantity: 1, unitPriceCents: 10_000, vatRate: 20 }] });
  const more = [];
  for (let i = 1; i <= 3; i++) more.push({ number: `MC-${i}`, client: martin, issueDate: d(-60), dueDate: d(-30), grossCents: 12_000, creditedCents: 12_000 });
  for (let i = 1; i <= 3; i++) more.push({ number: `ML-${i}`, client: martin, issueDate: d(-60), dueDate: d(-30), grossCents: 12_000 });
  await t.ok('POST', '/imports/invoices', { invoices: more });
  await t.drain();
  const ml = (await t.get('/invoices?q=ML-&limit=100')).json.items as { id: string }[];
  for (const i of ml) await t.ok('POST', `/invoices/${i.id}/litigation`, { reason: 'Mise en demeure restée sans effet' });
  await t.ok('POST', `/invoices/${ml[0]!.id}/write-off`, { reason: 'Liquidation judiciaire' });
  await t.drain();
  total += 3 + 6;
}, 120_000);

describe('GET /invoices pages through ties exactly once', () => {
  for (const sort of ['amount', 'client', 'lastReminder', 'daysLate', 'dueDate']) {
    for (const order of ['asc', 'desc']) {
      it(`sort=${sort}&order=${order}: every page size lists the same rows in the same order`, async () => {
        const whole = await allPages(`sort=${sort}&order=${order}`, 100);
        expect(whole).toHaveLength(total);
        expect(new Set(whole).size).toBe(total);
        for (const limit of [1, 2, 3, 5]) expect(await allPages(`sort=${sort}&order=${order}`, limit), `limit=${limit}`).toEqual(whole);
      });
    }
  }

  for (const sort of ['dueDate', 'amount', 'client', 'lastReminder', 'daysLate']) {
    it(`clientId (every status group) sort=${sort}: every page size lists the same rows`, async () => {
      const whole = await allPages(`clientId=${martinId}&sort=${sort}`, 100);
      expect(whole.length).toBe(8 + 5 + 3 + 6);
      expect(new Set(whole).size).toBe(whole.length);
      for (const limit of [1, 2, 3]) expect(await allPages(`clientId=${martinId}&sort=${sort}`, limit), `limit=${limit}`).toEqual(whole);
    });
  }

  it('sort=amount with reminded=false and overdue=false pages the same way', async () => {
    for (const query of ['sort=amount&reminded=false', 'sort=lastReminder&overdue=false', 'sort=client&status=litigation']) {
      const whole = await allPages(query, 100);
      expect(new Set(whole).size).toBe(whole.length);
      for (const limit of [1, 2, 3]) expect(await allPages(query, limit), `${query} limit=${limit}`).toEqual(whole);
    }
  });

  it('keeps every cursor short enough for a URL under API Gateway’s 10,240-byte request line and headers', () => {
    expect(longestCursor).toBeGreaterThan(0);
    console.log(`longest cursor: ${longestCursor} characters`);
    expect(longestCursor).toBeLessThanOrEqual(2048);
  });
});
