import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * `GET /cockpit?asOf=` at the edges: periods turning at a month, quarter and year, a leap day, the
 * aging buckets at exactly 30/31/60/61/90/91 days, and dates no cockpit can answer for.
 */
let t: FreshTenant;
const AS_OF = '2026-06-30';
const LATE = [0, 1, 30, 31, 60, 61, 90, 91];

beforeAll(async () => {
  t = await freshTenant('cockpit-asof');
  await t.ok('PUT', '/settings', companySettings);
  const client = { name: 'Client Bornes', email: 'bornes@client.test', kind: 'business' };
  const res = await t.call('POST', '/imports/invoices', {
    invoices: [
      ...LATE.map((d) => ({ number: `AG-${d}`, client, issueDate: '2026-01-01', dueDate: addDays(AS_OF, -d), grossCents: 100_000 + d })),
      { number: 'Q-1', client, issueDate: '2026-03-31', dueDate: '2026-04-30', grossCents: 7_00 },
    ],
  });
  expect(res.json.created, JSON.stringify(res.json)).toBe(9);
  await t.drain();
}, 60_000);

const cockpit = async (asOf: string) => t.ok('GET', `/cockpit?asOf=${asOf}`);

describe('GET /cockpit?asOf= at the edges', () => {
  it('puts a balance exactly 30, 60 or 90 days late in the lower bucket, one day more in the next', async () => {
    const c = await cockpit(AS_OF);
    const cents = (...days: number[]) => days.reduce((s, d) => s + 100_000 + d, 0);
    expect(c.aging).toEqual([
      { bucket: 'not_due', balanceCents: cents(0), count: 1 },
      { bucket: '1_30', balanceCents: cents(1, 30), count: 2 },
      { bucket: '31_60', balanceCents: cents(31, 60), count: 2 },
      { bucket: '61_90', balanceCents: cents(61, 90) + 7_00, count: 3 }, // Q-1, due 30/04, is 61 days late
      { bucket: '90_plus', balanceCents: cents(91), count: 1 },
    ]);
    expect([c.overdueInvoices, c.overdueCents]).toEqual([8, cents(1, 30, 31, 60, 61, 90, 91) + 7_00]);
  });

  it('turns the month, quarter and year periods on their first day', async () => {
    const all = 8 * 100_000 + LATE.reduce((s, d) => s + d, 0) + 7_00;
    expect((await cockpit('2026-03-31')).invoicedCents).toEqual({ month: 7_00, quarter: all, year: all });
    expect((await cockpit('2026-04-01')).invoicedCents).toEqual({ month: 0, quarter: 0, year: all });
    expect((await cockpit('2026-12-31')).invoicedCents).toEqual({ month: 0, quarter: 0, year: all });
    expect((await cockpit('2027-01-01')).invoicedCents).toEqual({ month: 0, quarter: 0, year: 0 });
    expect((await cockpit('2025-12-31')).openInvoices).toBe(0);
  });

  it('answers a leap day, its forecast weeks starting on Mondays', async () => {
    const c = await cockpit('2028-02-29');
    expect(c.asOf).toBe('2028-02-29');
    expect(c.forecast.map((w: { weekStart: string }) => w.weekStart)).toEqual(Array.from({ length: 8 }, (_, i) => addDays('2028-03-06', 7 * i)));
  });

  it('refuses with 400 naming query.asOf a date that is not one, or outside 2000–2099', async () => {
    for (const asOf of ['2027-02-29', '2026-13-01', '30/06/2026', '2026-06-30T00:00:00Z', '', '9999-12-31', '1999-12-31', '0001-01-01']) {
      const res = await t.call('GET', `/cockpit?asOf=${encodeURIComponent(asOf)}`);
      expect([res.status, res.type, res.json.errors.map((e: { path: string }) => e.path)], asOf).toEqual([400, expect.stringContaining('application/problem+json'), ['query.asOf']]);
    }
  });
});
