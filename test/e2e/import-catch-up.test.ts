import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { parisToday, runUntil, endOfDay } from './local-clock.js';

/**
 * What an imported invoice had been paid elsewhere is no payment just received: it holds no grace
 * window back. Two overdue invoices of one client, one partly paid before the import, are caught up
 * at the same next send window and go out as one grouped reminder (the partly paid one was put three
 * days later, the client reminded twice in a few days instead of once).
 */
describe('an import whose rows were partly paid elsewhere', () => {
  it('catches them up at the next send window, with the client’s other invoices, in one grouped message', async () => {
    const t = await freshTenant('import-catchup');
    await t.ok('PUT', '/settings', companySettings);
    const today = parisToday();
    const row = (number: string, paidCents: number) => ({
      number,
      client: { name: 'Café de la Gare', email: 'cafe@gare.test', siren: '552100554', kind: 'business' },
      issueDate: addDays(today, -60),
      dueDate: addDays(today, -30),
      netCents: 100_000,
      vatCents: 20_000,
      grossCents: 120_000,
      paidCents,
    });
    const res = await t.ok('POST', '/imports/invoices', { invoices: [row('EXT-001', 0), row('EXT-002', 20_000)] });
    expect(res.created).toBe(2);
    await t.drain();
    const invoices = ((await t.ok('GET', '/invoices')).items as { id: string; number: string; status: string }[]).sort((x, y) => x.number.localeCompare(y.number));
    expect(invoices.map((i) => [i.number, i.status])).toEqual([['EXT-001', 'sent'], ['EXT-002', 'partially_paid']]);
    const firstPending = async (id: string) =>
      ((await t.ok('GET', `/invoices/${id}/reminders`)).items as { state: string; scheduledAt?: string; reason?: string }[]).find((s) => s.state === 'scheduled');
    const [a, b] = await Promise.all(invoices.map((i) => firstPending(i.id)));
    expect(a).toMatchObject({ reason: 'catch-up' });
    expect(b).toMatchObject({ reason: 'catch-up' });
    expect(b!.scheduledAt).toBe(a!.scheduledAt);

    await runUntil(endOfDay(addDays(today, 5)), { tenant: t.tenantId });
    const sent = await Promise.all(invoices.map(async (i) => ((await t.ok('GET', `/invoices/${i.id}/reminders`)).items as { state: string; messageId?: string }[]).filter((s) => s.state === 'sent')));
    expect(sent.map((s) => s.length)).toEqual([1, 1]);
    expect(sent[1]![0]!.messageId).toBe(sent[0]![0]!.messageId);
  });
});
