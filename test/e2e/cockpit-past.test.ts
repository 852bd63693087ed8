import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * `GET /cockpit?asOf=<a past day>` gives the open balances of that day: an invoice issued later
 * is left out, payments and credit notes dated later are added back. Expected figures come from
 * the description below by plain sums.
 */
const T = parisToday();
const d = (offset: number) => addDays(T, offset);
const AS_OF = d(-10);

interface Spec {
  readonly key: string;
  readonly client: 'A' | 'B';
  readonly issue: string;
  readonly due: string;
  readonly gross: number;
  readonly payments?: readonly { amount: number; date: string; removed?: boolean }[];
  readonly credit?: number; // today
}
const SPECS: readonly Spec[] = [
  { key: 'P4', client: 'A', issue: d(-50), due: d(-45), gross: 24_000, payments: [{ amount: 4_000, date: d(-15) }, { amount: 20_000, date: d(-2) }] },
  { key: 'P1', client: 'A', issue: d(-60), due: d(-30), gross: 60_000, payments: [{ amount: 60_000, date: d(-5) }] },
  { key: 'P2', client: 'B', issue: d(-40), due: d(-20), gross: 36_000, credit: 6_000 },
  { key: 'P5', client: 'B', issue: d(-30), due: d(-25), gross: 12_000, payments: [{ amount: 2_400, date: d(-20), removed: true }] },
  { key: 'P3', client: 'B', issue: d(-8), due: d(20), gross: 48_000 },
];

/** What each invoice still owed at the end of `day`. */
const owedAt = (s: Spec, day: string) =>
  s.issue > day ? 0 : s.gross - (s.payments ?? []).filter((p) => !p.removed && p.date <= day).reduce((n, p) => n + p.amount, 0) - (s.credit && T <= day ? s.credit : 0);

let t: FreshTenant;
const clientIds = { A: '', B: '' };

beforeAll(async () => {
  t = await freshTenant('cockpit-past');
  await t.ok('PUT', '/settings', companySettings);
  clientIds.A = (await t.ok('POST', '/clients', { name: 'Électricité Gérard', kind: 'business', email: 'compta@gerard.test' })).id;
  clientIds.B = (await t.ok('POST', '/clients', { name: 'Jérôme Dupré', kind: 'consumer', email: 'jerome@dupre.test' })).id;
  for (const s of [...SPECS].sort((a, b) => a.issue.localeCompare(b.issue))) {
    const lines = [{ description: s.key, quantity: 1, unitPriceCents: (s.gross * 10) / 12, vatRate: 20 }];
    const invoice = await t.ok('POST', '/invoices', { clientId: clientIds[s.client], issueDate: s.issue, dueDate: s.due, lines });
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    for (const p of s.payments ?? []) {
      await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: p.amount, date: p.date });
      if (p.removed) {
        const recorded = (await t.get(`/invoices/${invoice.id}/payments`)).json.items.find((r: any) => r.date === p.date);
        await t.ok('DELETE', `/invoices/${invoice.id}/payments/${recorded.id}`);
      }
    }
    if (s.credit) await t.ok('POST', `/invoices/${invoice.id}/credit-notes`, { amountCents: s.credit, reason: 'Geste commercial' });
  }
  await t.drain();
}, 120_000);

describe('GET /cockpit?asOf=<a past day>', () => {
  it('gives the open balances of that day: later invoices left out, later payments and credit notes added back', async () => {
    const res = await t.get(`/cockpit?asOf=${AS_OF}`);
    expect(res.status).toBe(200);
    const open = SPECS.filter((s) => owedAt(s, AS_OF) > 0);
    const late = open.filter((s) => s.due < AS_OF);
    const sum = (list: readonly Spec[]) => list.reduce((n, s) => n + owedAt(s, AS_OF), 0);
    const bucket = (s: Spec) => {
      const days = daysBetween(s.due, AS_OF);
      return days <= 0 ? 'not_due' : days <= 30 ? '1_30' : days <= 60 ? '31_60' : days <= 90 ? '61_90' : '90_plus';
    };
    const c = res.json;
    expect([c.outstandingCents, c.openInvoices, c.overdueCents, c.overdueInvoices]).toEqual([sum(open), open.length, sum(late), late.length]);
    expect(c.outstandingCents).toBe(60_000 + 36_000 + 20_000 + 12_000);
    expect(c.aging).toEqual(['not_due', '1_30', '31_60', '61_90', '90_plus'].map((b) => ({ bucket: b, balanceCents: sum(open.filter((s) => bucket(s) === b)), count: open.filter((s) => bucket(s) === b).length })));
    const byClient = (k: 'A' | 'B') => late.filter((s) => s.client === k);
    expect(c.topLateClients.map((x: any) => [x.name, x.overdueCents, x.overdueInvoices, x.oldestDaysLate])).toEqual(
      (['A', 'B'] as const)
        .map((k) => [k === 'A' ? 'Électricité Gérard' : 'Jérôme Dupré', sum(byClient(k)), byClient(k).length, Math.max(...byClient(k).map((s) => daysBetween(s.due, AS_OF)))] as const)
        .sort((a, b) => b[1] - a[1]),
    );
    // Overdue at asOf: all expected in the first week of the forecast.
    expect(c.forecast[0].expectedCents).toBe(sum(late));
  });

  it('still gives today’s balances for today', async () => {
    const c = (await t.get(`/cockpit?asOf=${T}`)).json;
    expect([c.outstandingCents, c.openInvoices]).toEqual([SPECS.reduce((n, s) => n + owedAt(s, T), 0), SPECS.filter((s) => owedAt(s, T) > 0).length]);
  });
});
