import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * What was paid before an import was paid weeks ago in another tool, not "just now": it holds no
 * reminder back (test/e2e/import-catch-up.test.ts). A payment entered on such an invoice by mistake and
 * removed gives the grace window back to the last payment still recorded (payment-removed-grace): that
 * must not be the one before the import, whose record is dated the import.
 */
let t: FreshTenant;
const today = () => localDate(new Date(), 'Europe/Paris');

beforeAll(async () => {
  t = await freshTenant('import-grace');
  // Every day a send day: the grace window shows whatever the weekday the test runs on.
  await t.ok('PUT', '/settings', { ...companySettings, skipWeekends: false, skipHolidays: false, graceDaysAfterPayment: 3 });
}, 60_000);

interface Step { stepId: string; state: string; scheduledAt?: string; reason?: string }

describe('an overdue invoice imported partly paid', () => {
  it('keeps its first overdue reminder at the same send window as an unpaid one after a payment entered by mistake is removed', async () => {
    const due = addDays(today(), -20);
    const row = (n: number, paidCents: number) => ({
      number: `OLD-${n}`,
      client: { name: `Client ${n}`, email: `old${n}@grace.test`, kind: 'business' },
      issueDate: addDays(due, -30),
      dueDate: due,
      netCents: 100_000,
      vatCents: 20_000,
      grossCents: 120_000,
      paidCents,
    });
    const res = await t.call('POST', '/imports/invoices', { invoices: [row(1, 0), row(2, 50_000)] });
    expect(res.status).toBe(200);
    expect(res.json.created).toBe(2);
    await t.drain();
    const list = (await t.ok('GET', '/invoices?limit=10')).items as { id: string; number: string; balanceCents: number }[];
    const firstOverdue = async (number: string) => {
      const invoice = list.find((i) => i.number === number)!;
      const steps = (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items as Step[];
      return steps.find((s) => s.stepId === 'j+1')!;
    };
    const mistaken = list.find((i) => i.number === 'OLD-2')!;
    const payment = await t.ok('POST', `/invoices/${mistaken.id}/payments`, { amountCents: 1_000, date: today(), method: 'transfer' });
    await t.ok('DELETE', `/invoices/${mistaken.id}/payments/${payment.id}`);
    await t.drain();
    const unpaid = await firstOverdue('OLD-1');
    const partlyPaid = await firstOverdue('OLD-2');
    expect(unpaid).toMatchObject({ state: 'scheduled', reason: 'catch-up' });
    expect(partlyPaid).toMatchObject({ state: 'scheduled', reason: 'catch-up' });
    expect(partlyPaid.scheduledAt).toBe(unpaid.scheduledAt);
  });
});
