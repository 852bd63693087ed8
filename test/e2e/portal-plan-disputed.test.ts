import { describe, expect, inject, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { dueDateAhead, parisToday } from './local-clock.js';

/**
 * A client who disputed the invoice on the portal cannot then ask for a payment plan there, as they
 * cannot promise a date: the seller answers the dispute first (the portal's `actions.planRequest` is
 * false then). The request used to be recorded (200) and the owner alerted, from a page opened before
 * the dispute or a direct call, while the promise was a 409. Once the dispute is resolved it is taken.
 */
const portal = async (token: string, method: string, action = '', body?: unknown) => {
  const res = await fetch(`${inject('apiUrl')}/portal/${token}${action}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: (await res.json()) as any };
};

describe('a plan request on a disputed invoice', () => {
  it('is a 409 portal-state problem like a promise, writes nothing, and is taken once the dispute is resolved', async () => {
    const t = await freshTenant('plan-disputed');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('plan-disputed') }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: dueDateAhead(20) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    const { url } = await t.ok('POST', `/invoices/${draft.id}/portal-link`);
    const token = /\/p\/([A-Za-z0-9_-]{43})$/.exec(url)![1]!;
    const plan = { instalments: [{ dueDate: dueDateAhead(30), amountCents: 100_000 }, { dueDate: dueDateAhead(60), amountCents: 47_500 }] };

    expect((await portal(token, 'POST', '/dispute', { reason: 'Travaux non terminés' })).status).toBe(200);
    expect((await portal(token, 'GET')).json.actions).toMatchObject({ promise: false, planRequest: false });
    const promise = await portal(token, 'POST', '/promise', { date: dueDateAhead(25) });
    const refused = await portal(token, 'POST', '/plan-request', plan);
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.json).toMatchObject({ type: promise.json.type, detail: promise.json.detail });
    const invoice = await t.ok('GET', `/invoices/${draft.id}`);
    expect(invoice.planRequest).toBeUndefined();
    const events = (await t.ok('GET', `/invoices/${draft.id}/timeline?limit=100`)).items.map((e: { type: string }) => e.type);
    expect(events).not.toContain('plan.requested');

    await t.ok('POST', `/invoices/${draft.id}/resolve-dispute`);
    const taken = await portal(token, 'POST', '/plan-request', plan);
    expect(taken.status, JSON.stringify(taken.json)).toBe(200);
    expect(taken.json.status).toBe('pending');
  });
});
