import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, weekday } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * `GET /cockpit?asOf=<a past day>` shifts the forecast by each client's lateness of that day: an
 * invoice paid 25 days late after asOf did not make the client late yet (it used to shift the
 * forecast by today's lateness, which that payment makes 25 days).
 */
const T = parisToday();
const d = (offset: number) => addDays(T, offset);
const PAID_LATE = { issue: d(-60), due: d(-30), gross: 60_000, paidOn: d(-5) }; // 25 days late
const OPEN = { issue: d(-40), due: d(5), gross: 36_000 };

/** The forecast week (0–7) a balance due `due` falls in, its client `lateness` days late on average. */
const weekOf = (asOf: string, due: string, lateness: number) => {
  const firstWeek = addDays(asOf, (8 - weekday(asOf)) % 7 || 7);
  const expected = addDays(due, lateness);
  return due < asOf || expected < firstWeek ? 0 : Math.floor(daysBetween(firstWeek, expected) / 7);
};

let t: FreshTenant;

beforeAll(async () => {
  t = await freshTenant('cockpit-lateness');
  await t.ok('PUT', '/settings', companySettings);
  const client = (await t.ok('POST', '/clients', { name: 'Plâtrerie Lenoir', kind: 'business', email: 'compta@lenoir.test' })).id;
  for (const s of [PAID_LATE, OPEN]) {
    const lines = [{ description: 'Travaux', quantity: 1, unitPriceCents: (s.gross * 10) / 12, vatRate: 20 }];
    const invoice = await t.ok('POST', '/invoices', { clientId: client, issueDate: s.issue, dueDate: s.due, lines });
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    if (s === PAID_LATE) await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: s.gross, date: PAID_LATE.paidOn });
  }
  await t.drain();
}, 120_000);

describe('GET /cockpit?asOf=<a past day>: the forecast', () => {
  it('shifts a balance by its client’s lateness of that day, not today’s', async () => {
    const before = d(-10); // the late invoice not paid yet: no lateness
    const after = d(-3); // paid 25 days late by then
    expect(weekOf(before, OPEN.due, 0)).not.toBe(weekOf(before, OPEN.due, 25));
    for (const [asOf, lateness] of [[before, 0], [after, 25], [T, 25]] as const) {
      const c = (await t.get(`/cockpit?asOf=${asOf}`)).json;
      const expected = Array.from({ length: 8 }, (_, i) => (i === weekOf(asOf, OPEN.due, lateness) ? OPEN.gross : 0));
      if (asOf < PAID_LATE.paidOn) expected[0] = expected[0]! + PAID_LATE.gross; // still owed then, overdue: the first week
      expect(c.forecast.map((w: { expectedCents: number }) => w.expectedCents), `asOf ${asOf}`).toEqual(expected);
    }
  });
});
