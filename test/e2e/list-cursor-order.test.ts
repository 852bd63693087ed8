import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * A cursor belongs to its list in its order: the next page of `order=asc` taken with `order=desc`
 * read the key backwards from where the first page stopped, giving again the rows already shown
 * (a front end that keeps the cursor when the user flips the order). It is a 400 naming the cursor,
 * as a cursor of another sort is.
 */
const T = parisToday();
let t: FreshTenant;
let clientId = '';

beforeAll(async () => {
  t = await freshTenant('cursor-order');
  await t.ok('PUT', '/settings', companySettings);
  clientId = (await t.ok('POST', '/clients', { name: 'Menuiserie Roux', kind: 'business', email: 'compta@roux.test' })).id;
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const invoice = await t.ok('POST', '/invoices', { clientId, issueDate: addDays(T, -40), dueDate: addDays(T, -30 + 7 * i), lines: [{ description: `Pose ${i}`, quantity: 1, unitPriceCents: 10_000 * (i + 1), vatRate: 20 }] });
    ids.push(invoice.id);
  }
  for (const id of ids) await t.ok('POST', `/invoices/${id}/send`);
  await t.ok('POST', `/invoices/${ids[4]}/payments`, { amountCents: 1_000, date: T });
  await t.drain();
}, 120_000);

describe('a list cursor used with the other order', () => {
  const lists = () => ['', 'status=sent', 'sort=amount', 'sort=client', 'sort=lastReminder', `clientId=${clientId}`, `clientId=${clientId}&status=sent`, 'q=menuiserie'];

  it('is refused with 400 naming query.cursor, while it pages its own order to the end without repeats', async () => {
    const failures: string[] = [];
    for (const list of lists()) {
      for (const [order, other] of [['asc', 'desc'], ['desc', 'asc']] as const) {
        const first = await t.get(`/invoices?${list}&order=${order}&limit=2`);
        expect([first.status, typeof first.json.nextCursor], `${list} ${order}`).toEqual([200, 'string']);
        const cursor = encodeURIComponent(first.json.nextCursor);
        const own = await t.get(`/invoices?${list}&order=${order}&limit=100&cursor=${cursor}`);
        const shown = new Set(first.json.items.map((i: { id: string }) => i.id));
        if (own.status !== 200 || own.json.items.some((i: { id: string }) => shown.has(i.id))) failures.push(`${list} ${order}: own order → ${own.status}`);
        const flipped = await t.get(`/invoices?${list}&order=${other}&limit=2&cursor=${cursor}`);
        if (flipped.status !== 400 || flipped.json.errors?.[0]?.path !== 'query.cursor')
          failures.push(`${list} ${order} → ${other}: ${flipped.status} ${(flipped.json.items ?? []).map((i: { number: string }) => i.number).join(',')}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
