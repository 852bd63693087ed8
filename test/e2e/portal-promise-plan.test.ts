import { describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { dueDateAhead, parisToday } from './local-clock.js';

/**
 * While a payment plan runs, its instalments are the dates the client agreed to: the portal no longer offers
 * "je paierai le…", and a promise posted anyway (a page opened before the plan, a direct call) is a 409
 * portal-state problem that writes nothing. It used to pause the reminders up to 60 days: the plan's courtesy
 * and late reminders were cancelled `paused`, the client reminded of no instalment, and the plan check then ended
 * the plan `missed` while the portal had told the client "pas de relance d'ici là".
 */
const portal = async (token: string, method: string, action = '', body?: unknown) => {
  const res = await fetch(`${inject('apiUrl')}/portal/${token}${action}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: (await res.json()) as any };
};

describe('a promise on the portal while a payment plan runs', () => {
  it('is not offered, is a 409 portal-state problem, and leaves the plan’s reminders scheduled', async () => {
    const t = await freshTenant('promise-plan');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('promise-plan') }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: dueDateAhead(20) }));
    const invoice = await t.ok('POST', `/invoices/${draft.id}/send`);
    const { url } = await t.ok('POST', `/invoices/${draft.id}/portal-link`);
    const token = /\/p\/([A-Za-z0-9_-]{43})$/.exec(url)![1]!;
    const first = addDays(parisToday(), 10);
    await t.ok('POST', `/invoices/${draft.id}/payment-plan`, {
      instalments: [{ dueDate: first, amountCents: 50_000 }, { dueDate: addDays(parisToday(), 40), amountCents: invoice.balanceCents - 50_000 }],
    });
    await t.drain();

    expect((await portal(token, 'GET')).json.actions).toMatchObject({ promise: false, planRequest: false, claimPaid: true });
    const promise = await portal(token, 'POST', '/promise', { date: addDays(first, 20) });
    expect(promise.status).toBe(409);
    expect(promise.type).toContain('application/problem+json');
    expect(promise.json).toMatchObject({ type: 'https://relances.dev/problems/portal-state', detail: 'A payment plan is already agreed for this invoice' });

    const after = await t.ok('GET', `/invoices/${draft.id}`);
    expect([after.remindersPaused, after.promisedFor]).toEqual([false, undefined]);
    const events = (await t.ok('GET', `/invoices/${draft.id}/timeline?limit=100`)).items.map((e: { type: string }) => e.type);
    expect(events).not.toContain('portal.promised');
    await t.drain();
    const planSteps = (await t.ok('GET', `/invoices/${draft.id}/reminders`)).items.filter((s: { templateId: string }) => s.templateId.startsWith('instalment-'));
    expect(planSteps.length).toBeGreaterThan(0);
    expect(planSteps.filter((s: { state: string; reason?: string }) => s.reason === 'paused')).toEqual([]);

    // Once the plan is ended by the owner, the client can promise a date again.
    await t.ok('DELETE', `/invoices/${draft.id}/payment-plan`);
    expect((await portal(token, 'GET')).json.actions.promise).toBe(true);
    expect((await portal(token, 'POST', '/promise', { date: addDays(first, 20) })).status).toBe(200);
  });
});
