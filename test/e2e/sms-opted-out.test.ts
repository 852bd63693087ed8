/**
 * A client who replied STOP to a text is on the account's opt-out list: End User Messaging then refuses
 * every SendTextMessage to that number (ConflictException, reason DESTINATION_PHONE_NUMBER_OPTED_OUT),
 * and will refuse it tomorrow as today. The step was retried as an outage for 24 h (15 min, 2 h, 8 h…)
 * before the owner heard of it, as a plain "send failed". It now fails at once, `sms_opted_out`, and
 * the owner is alerted the same day. Over HTTP on the local stack, whose SMS stand-in keeps an
 * opt-out list (`POST /local/sms/opt-outs`).
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday, runUntil } from './local-clock.js';

const optOuts = async (numbers: string[]) => {
  const res = await fetch(`${inject('apiUrl')}/local/sms/opt-outs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ numbers }) });
  expect(res.status).toBe(200);
};

const phone = `+3367${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

describe('a text to a number that opted out (STOP)', () => {
  afterAll(() => optOuts([]));

  it('fails at once with the reason, no retries, and the owner is told', { timeout: 60_000 }, async () => {
    const t = await freshTenant('sms-optout');
    const owned = uniqueEmail('sms-optout-owner');
    await t.ok('PUT', '/settings', { company: aCompanyIdentity(), notifyEmail: owned, sms: { senderId: 'PLOMBERIE' } });
    await t.ok('POST', '/scenarios', { id: 'texto', name: 'Texto', steps: [{ id: 'texto', offsetDays: 1, templateId: 'sms-reminder', channel: 'sms' }] });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ scenarioId: 'texto', contacts: [{ name: 'Compta', role: 'billing', phone }] }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: addDays(parisToday(), 10) }));
    const invoice = await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();
    await optOuts([phone]);

    const planned = (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items.find((s: { stepId: string }) => s.stepId === 'texto');
    // The step's instant and a day and a half of would-be retries after it.
    await runUntil(new Date(new Date(planned.scheduledAt).getTime() + 36 * 3_600_000), { tenant: t.tenantId, invoiceId: invoice.id });
    await t.drain();

    const texts = ((await (await fetch(`${inject('apiUrl')}/local/sms?to=${encodeURIComponent(phone)}`)).json()) as { items: unknown[] }).items;
    expect(texts).toHaveLength(0);
    const step = (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items.find((s: { stepId: string }) => s.stepId === 'texto');
    expect(step).toMatchObject({ state: 'failed', reason: 'sms_opted_out' });
    const failures = (await t.ok('GET', `/invoices/${invoice.id}/timeline?limit=100`)).items.filter((e: { type: string }) => e.type === 'reminder.failed');
    expect(failures).toHaveLength(1);
    expect(failures[0].data).toMatchObject({ stepId: 'texto', final: true });
    expect(failures[0].at.slice(0, 10)).toBe(planned.scheduledAt.slice(0, 10));
    const alerts = (await t.ok('GET', '/notifications')).items.filter((n: { kind: string; invoiceId: string }) => n.invoiceId === invoice.id && n.kind === 'send_failed');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].detail).toMatchObject({ cause: 'sms_opted_out' });
    // The owner's email says why, not "after several attempts over 24 hours".
    const owner = (await inbox(owned)).filter((m) => m.subject.includes('SMS non envoyé'));
    expect(owner).toHaveLength(1);
    expect(owner[0]!.body.text).toContain('STOP');
    expect(owner[0]!.body.text).not.toMatch(/24[ \u00a0]heures/);
  });
});
