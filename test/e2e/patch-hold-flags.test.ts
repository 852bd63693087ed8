/**
 * `PATCH /invoices/{id}` takes the `remindersPaused` and `disputed` flags besides the pause, resume, dispute and
 * resolve routes, and must leave the invoice as they do: lifting a pause by PATCH left its end date, reason and the
 * client's promised date on the invoice (the invoice screen still said "promis pour le …" and "en pause jusqu'au …"
 * while reminders ran), lifting a dispute left its reason, and a paid, cancelled or written-off invoice (or one in
 * litigation) could be flagged paused or disputed, which `POST /invoices/{id}/pause` and `/dispute` refuse.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const setUp = async (label: string) => {
  const t = await freshTenant(label);
  await t.ok('PUT', '/settings', companySettings);
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail(label) }));
  const sendOne = async () => {
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: addDays(parisToday(), 20) }));
    return t.ok('POST', `/invoices/${draft.id}/send`);
  };
  return { t, sendOne };
};

describe('the hold flags of PATCH /invoices/{id}', () => {
  it('lifting a pause clears what the pause said, as POST /resume does', async () => {
    const { t, sendOne } = await setUp('patch-resume');
    const invoice = await sendOne();
    const until = addDays(parisToday(), 10);
    expect((await t.call('POST', `/invoices/${invoice.id}/pause`, { until, reason: 'vacances' })).status).toBe(200);
    const resumed = await t.call('PATCH', `/invoices/${invoice.id}`, { remindersPaused: false });
    expect(resumed.status).toBe(200);
    expect(resumed.json).toMatchObject({ remindersPaused: false });
    expect([resumed.json.pausedUntil, resumed.json.pauseReason, resumed.json.promisedFor]).toEqual([undefined, undefined, undefined]);
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).pausedUntil).toBeUndefined();
  });

  it('resolving a dispute clears its reason, as POST /resolve-dispute does', async () => {
    const { t, sendOne } = await setUp('patch-resolve');
    const invoice = await sendOne();
    expect((await t.call('POST', `/invoices/${invoice.id}/dispute`, { reason: 'travaux non terminés' })).status).toBe(200);
    const resolved = await t.call('PATCH', `/invoices/${invoice.id}`, { disputed: false });
    expect(resolved.status).toBe(200);
    expect([resolved.json.disputed, resolved.json.disputeReason]).toEqual([false, undefined]);
  });

  it('refuses to pause or dispute an invoice that awaits no payment (422 naming the field, nothing written), as the routes do', async () => {
    const { t, sendOne } = await setUp('patch-closed');
    const invoice = await sendOne();
    expect((await t.call('POST', `/invoices/${invoice.id}/payments`, { amountCents: invoice.balanceCents, date: parisToday() })).status).toBe(201);
    for (const flag of ['remindersPaused', 'disputed'] as const) {
      const res = await t.call('PATCH', `/invoices/${invoice.id}`, { [flag]: true });
      expect([res.status, res.type, res.json?.errors]).toEqual([422, 'application/problem+json', [{ path: `body.${flag}`, message: expect.any(String) }]]);
    }
    const after = await t.ok('GET', `/invoices/${invoice.id}`);
    expect([after.status, after.remindersPaused, after.disputed]).toEqual(['paid', false, false]);
    expect((await t.ok('GET', `/invoices/${invoice.id}/timeline?limit=100`)).items.map((e: { type: string }) => e.type)).not.toContain('invoice.disputed');

    const inLitigation = await sendOne();
    expect((await t.call('POST', `/invoices/${inLitigation.id}/litigation`, {})).status).toBe(200);
    expect((await t.call('PATCH', `/invoices/${inLitigation.id}`, { disputed: true })).status).toBe(422);
  });
});
