import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant } from './fresh-tenant.js';

/**
 * A due date moved once the invoice is sent (a delay granted): a past asOf ages the balance of that day by the
 * due date of that day. It aged it by today's: an invoice 20 days late on the day asked showed `not_due`.
 */
const T = parisToday();
const d = (n: number) => addDays(T, n);

describe('GET /cockpit?asOf=<past> after a due date was moved', () => {
  it('shows the invoice late on the days it was late, and not due from the day of the delay', async () => {
    const t = await freshTenant('cockpit-due-moved');
    await t.ok('PUT', '/settings', companySettings);
    const clientId = (await t.ok('POST', '/clients', { name: 'Charpente Morel', kind: 'business', email: 'compta@morel.test' })).id;
    const invoice = await t.ok('POST', '/invoices', { clientId, issueDate: d(-60), dueDate: d(-30), lines: [{ description: 'Charpente', quantity: 1, unitPriceCents: 100_000, vatRate: 20 }] });
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: 20_000, date: d(-20) });
    await t.ok('PATCH', `/invoices/${invoice.id}`, { dueDate: d(20) });
    await t.drain();
    const figures = async (asOf: string) => {
      const c = (await t.get(`/cockpit?asOf=${asOf}`)).json;
      return { outstanding: c.outstandingCents, overdue: c.overdueCents, overdueInvoices: c.overdueInvoices, aging: Object.fromEntries(c.aging.filter((a: { count: number }) => a.count > 0).map((a: { bucket: string; balanceCents: number }) => [a.bucket, a.balanceCents])), late: c.topLateClients.map((l: { oldestDaysLate: number }) => l.oldestDaysLate) };
    };
    // 10 days before today: due 20 days before, 1 000 € left after the payment of d(-20).
    expect(await figures(d(-10))).toEqual({ outstanding: 100_000, overdue: 100_000, overdueInvoices: 1, aging: { '1_30': 100_000 }, late: [20] });
    expect(await figures(d(-25))).toEqual({ outstanding: 120_000, overdue: 120_000, overdueInvoices: 1, aging: { '1_30': 120_000 }, late: [5] });
    expect(await figures(T)).toEqual({ outstanding: 100_000, overdue: 0, overdueInvoices: 0, aging: { not_due: 100_000 }, late: [] });
  }, 60_000);
});
