import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, weekday } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * A newcomer imports invoices already paid elsewhere. What was paid before the import has no
 * date of ours (the import books it on the import day): it must not count as cash collected
 * this month, nor as a payment made on the import day (hundreds of days "late"), which would
 * shift the client's forecast out of the 8 weeks and inflate the average days to pay.
 */
const T = parisToday();
const d = (offset: number) => addDays(T, offset);
let t: FreshTenant;
let clientId = '';

beforeAll(async () => {
  t = await freshTenant('cockpit-import');
  await t.ok('PUT', '/settings', companySettings);
  const res = await t.call('POST', '/imports/invoices', {
    invoices: [
      // Paid in full long ago (on time, for all we know).
      { number: 'OLD-1', client: { name: 'Boulangerie Zoé', email: 'zoe@boulangerie.test', kind: 'business' }, issueDate: d(-400), dueDate: d(-370), grossCents: 50_000, paidCents: 50_000 },
      // Partly paid before the import, still open and not due.
      { number: 'OLD-2', client: { name: 'Boulangerie Zoé', email: 'zoe@boulangerie.test', kind: 'business' }, issueDate: d(-5), dueDate: d(25), grossCents: 30_000, paidCents: 10_000 },
    ],
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  expect(res.json.created).toBe(2);
  clientId = res.json.items[0].clientId;
  // One invoice of ours, due in 17 days.
  const own = await t.ok('POST', '/invoices', { clientId, issueDate: T, dueDate: d(17), lines: [{ description: 'Pain', quantity: 1, unitPriceCents: 10_000, vatRate: 20 }] });
  await t.ok('POST', `/invoices/${own.id}/send`);
  await t.drain();
}, 120_000);

describe('amounts paid before an import', () => {
  it('are not cash collected in our periods, nor payments dated the import day', async () => {
    const c = (await t.get(`/cockpit?asOf=${T}`)).json;
    expect(c.collectedCents).toEqual({ month: 0, quarter: 0, year: 0 });
    expect(c.avgDaysToPay).toBeNull();
    expect(c.outstandingCents).toBe(20_000 + 12_000);
  });

  it('leave the client without a lateness history: its invoices are forecast at their due dates', async () => {
    const rows = (await t.get('/clients')).json.items;
    expect(rows.map((r: any) => [r.name, r.balanceCents, r.avgDaysLate])).toEqual([['Boulangerie Zoé', 32_000, null]]);
    const c = (await t.get(`/cockpit?asOf=${T}`)).json;
    const firstWeek = addDays(T, (8 - weekday(T)) % 7 || 7);
    const weekOf = (due: string) => (due < firstWeek ? 0 : Math.floor(daysBetween(firstWeek, due) / 7));
    const want = Array.from({ length: 8 }, () => 0);
    want[weekOf(d(17))]! += 12_000;
    want[weekOf(d(25))]! += 20_000;
    expect(c.forecast.map((w: any) => w.expectedCents)).toEqual(want);
  });
});
