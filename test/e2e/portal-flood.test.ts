import { describe, expect, inject, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { dueDateAhead, parisToday } from './local-clock.js';

/**
 * Whoever holds a portal link (the client, or anyone the email was forwarded to) cannot flood the
 * owner: every client action alerts the owner (a notification and an immediate email), so an action
 * repeated as is writes nothing, and an invoice takes at most 5 actions that alert per day; the 6th
 * is a 429 problem that writes nothing and alerts nobody. Before, 8 disputes with 8 reasons and 4
 * "j'ai payé" with 4 references sent the owner 12 emails, and the same plan request posted twice
 * was two requests and two alerts.
 */
const portal = async (token: string, action: string, body: unknown) => {
  const res = await fetch(`${inject('apiUrl')}/portal/${token}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, json: (await res.json()) as any };
};

const setUp = async (label: string) => {
  const t = await freshTenant(label);
  const owner = uniqueEmail(`${label}-owner`);
  await t.ok('PUT', '/settings', { company: { ...companySettings.company, email: owner } });
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail(label) }));
  const invoice = async () => {
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: dueDateAhead(20) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    const { url } = await t.ok('POST', `/invoices/${draft.id}/portal-link`);
    return { id: draft.id as string, token: /\/p\/([A-Za-z0-9_-]{43})$/.exec(url)![1]! };
  };
  return { t, owner, invoice };
};

const alertsOf = async (t: FreshTenant, owner: string, invoiceId: string) => {
  await t.drain();
  const notifications = ((await t.ok('GET', '/notifications?limit=100')).items as { invoiceId: string }[]).filter((n) => n.invoiceId === invoiceId);
  return { notifications: notifications.length, emails: (await inbox(owner)).length };
};

describe('portal actions cannot flood the owner', () => {
  it('the same plan request posted again is the same request: one alert', async () => {
    const { t, owner, invoice } = await setUp('flood-plan');
    const { id, token } = await invoice();
    const body = { instalments: [{ dueDate: dueDateAhead(30), amountCents: 100_000 }, { dueDate: dueDateAhead(60), amountCents: 47_500 }], note: 'merci' };
    const first = await portal(token, 'plan-request', body);
    const again = await portal(token, 'plan-request', body);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.json).toEqual(first.json);
    expect(await alertsOf(t, owner, id)).toEqual({ notifications: 1, emails: 1 });
  });

  it('at most 5 actions that alert per invoice and day: then 429, nothing written, nobody alerted; another invoice is not held back', async () => {
    const { t, owner, invoice } = await setUp('flood-many');
    const { id, token } = await invoice();
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) statuses.push((await portal(token, 'dispute', { reason: `raison ${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const before = await t.ok('GET', `/invoices/${id}`);
    const refused = [
      await portal(token, 'dispute', { reason: 'raison 6' }),
      await portal(token, 'paid', { date: parisToday(), reference: 'VIR 6' }),
      await portal(token, 'plan-request', { instalments: [{ dueDate: dueDateAhead(30), amountCents: 147_500 }] }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(429);
      expect(res.type).toContain('application/problem+json');
      expect(res.json.detail).toBe('Too many requests on this invoice today: try again tomorrow, or contact the company');
    }
    // A repeat of what the invoice already records is still answered (a page reloaded), writing nothing.
    expect((await portal(token, 'dispute', { reason: 'raison 5' })).status).toBe(200);
    expect((await t.ok('GET', `/invoices/${id}`)).disputeReason).toBe(before.disputeReason);
    expect(await alertsOf(t, owner, id)).toEqual({ notifications: 5, emails: 5 });
    // The limit is the invoice's: the same client's other invoice still takes its actions.
    const other = await invoice();
    expect((await portal(other.token, 'paid', { date: parisToday() })).status).toBe(200);
  });
});
