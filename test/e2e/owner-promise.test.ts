/**
 * A payment date the client promised the owner (a phone call, a letter), recorded by the owner:
 * `POST /invoices/{id}/promise { date, note? }` holds the reminders until the day after it, and they
 * resume by themselves then if the invoice is still unpaid. Over HTTP on the local stack.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { dueDateAhead, endOfDay, parisToday, runUntil } from './local-clock.js';

const sendInvoice = async (t: FreshTenant, email: string, dueDate: string) => {
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate }));
  await t.ok('POST', `/invoices/${draft.id}/send`);
  return draft.id as string;
};
const stepsOf = async (t: FreshTenant, id: string) => (await t.ok('GET', `/invoices/${id}/reminders`)).items as { stepId: string; state: string; reason?: string }[];
/** Reminders only: the invoice's own email reads `Facture F-… – <company>`. */
const reminderMails = async (email: string) => (await inbox(email)).filter((m) => !/^Facture \S+ – /.test(m.subject));

describe('a promise recorded by the owner', () => {
  it('holds the reminders until the day after the promised date, then they resume by themselves', async () => {
    const t = await freshTenant('owner-promise');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('owner-promise');
    const due = dueDateAhead(10);
    const id = await sendInvoice(t, email, due);
    await t.drain();

    // Bad dates name body.date, and write nothing.
    for (const [date, status] of [[addDays(parisToday(), -1), 422], [addDays(parisToday(), 61), 422], ['27/11/2026', 400]] as const) {
      const res = await t.call('POST', `/invoices/${id}/promise`, { date });
      expect([res.status, res.json.errors?.[0]?.path], String(date)).toEqual([status, 'body.date']);
    }
    expect((await t.call('POST', `/invoices/${id}/promise`, { date: due, extra: 1 })).status).toBe(400);
    expect((await t.ok('GET', `/invoices/${id}`)).remindersPaused).toBe(false);

    const promised = addDays(due, 3);
    const res = await t.call('POST', `/invoices/${id}/promise`, { date: promised, note: 'Appel du client : virement le ' + promised });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ remindersPaused: true, pausedUntil: addDays(promised, 1), promisedFor: promised });
    await t.drain();
    expect(new Set((await stepsOf(t, id)).map((s) => `${s.state}:${s.reason}`))).toEqual(new Set(['cancelled:paused']));
    const timeline = (await t.ok('GET', `/invoices/${id}/timeline?limit=100`)).items as { type: string; data?: Record<string, unknown> }[];
    expect(timeline.find((e) => e.type === 'invoice.promised')?.data).toEqual({ date: promised, note: `Appel du client : virement le ${promised}` });

    // Nothing goes out while the promise holds (J-5 and J+1 fall inside it); the day after, unpaid, reminders resume.
    await runUntil(endOfDay(promised), { tenant: t.tenantId });
    expect(await reminderMails(email)).toHaveLength(0);
    expect((await t.ok('GET', `/invoices/${id}`)).remindersPaused).toBe(true);
    const fired = await runUntil(new Date(`${addDays(promised, 1)}T06:00:00Z`), { tenant: t.tenantId, invoiceId: id });
    expect(fired.map((f) => f.result)).toContainEqual({ outcome: 'resumed', stepId: 'resume' });
    const after = await t.ok('GET', `/invoices/${id}`);
    expect(after.remindersPaused).toBe(false);
    expect(after.promisedFor).toBeUndefined();
    await t.drain();
    expect((await stepsOf(t, id)).some((s) => s.stepId === 'j+8' && s.state === 'scheduled')).toBe(true);
  }, 120_000);

  it('is refused on an invoice that awaits no payment', async () => {
    const t = await freshTenant('owner-promise-paid');
    await t.ok('PUT', '/settings', companySettings);
    const id = await sendInvoice(t, uniqueEmail('owner-promise-paid'), dueDateAhead(10));
    const invoice = await t.ok('GET', `/invoices/${id}`);
    await t.ok('POST', `/invoices/${id}/payments`, { amountCents: invoice.balanceCents, date: parisToday(), method: 'transfer' });
    const res = await t.call('POST', `/invoices/${id}/promise`, { date: addDays(parisToday(), 5) });
    expect(res.status).toBe(422);
    expect((await t.ok('GET', `/invoices/${id}`)).promisedFor).toBeUndefined();
  }, 60_000);
});
