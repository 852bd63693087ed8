import { describe, expect, inject, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

/**
 * A settled invoice's portal link lives 12 months from the business date it was settled. An invoice
 * whose last payment is old but whose balance a credit note closed today was settled today: the link
 * in the credit note's email must still open (it was a 404, counted from the old payment's date).
 */
const portalStatus = async (token: string) => (await fetch(`${inject('apiUrl')}/portal/${token}`)).status;

const LINK = /\/p\/([A-Za-z0-9_-]{43})/;

const sendOldInvoice = async (t: FreshTenant, email: string) => {
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: '2025-09-02', dueDate: '2025-10-02' }));
  await t.ok('POST', `/invoices/${draft.id}/send`);
  await t.drain();
  const token = LINK.exec((await inbox(email)).at(-1)?.body.text ?? '')?.[1];
  if (!token) throw new Error(`no portal link in the email to ${email}`);
  return { id: draft.id as string, token, balance: (await t.ok('GET', `/invoices/${draft.id}`)).balanceCents as number };
};

describe('a settled invoice’s portal link', () => {
  it('opens for 12 months from the credit note that settled it, even after an old payment; an invoice paid in full long ago stays closed', async () => {
    const t = await freshTenant('portal-settled');
    await t.ok('PUT', '/settings', companySettings);

    const credited = await sendOldInvoice(t, uniqueEmail('settled-by-credit'));
    const half = Math.floor(credited.balance / 2);
    await t.ok('POST', `/invoices/${credited.id}/payments`, { amountCents: half, date: '2025-10-01', method: 'transfer' });
    await t.ok('POST', `/invoices/${credited.id}/credit-notes`, { reason: 'geste commercial', amountCents: credited.balance - half, issueDate: parisToday() });
    expect((await t.ok('GET', `/invoices/${credited.id}`)).status).toBe('paid');
    expect(await portalStatus(credited.token)).toBe(200);

    const paidLongAgo = await sendOldInvoice(t, uniqueEmail('paid-long-ago'));
    await t.ok('POST', `/invoices/${paidLongAgo.id}/payments`, { amountCents: paidLongAgo.balance, date: '2025-10-01', method: 'transfer' });
    expect(await portalStatus(paidLongAgo.token)).toBe(404);
  });

  it('is not issued again once expired (409, a link that would not open), and is while it lives', async () => {
    const t = await freshTenant('portal-reissue-expired');
    await t.ok('PUT', '/settings', companySettings);
    const paidLongAgo = await sendOldInvoice(t, uniqueEmail('reissue-expired'));
    await t.ok('POST', `/invoices/${paidLongAgo.id}/payments`, { amountCents: paidLongAgo.balance, date: '2025-10-01', method: 'transfer' });
    const refused = await t.call('POST', `/invoices/${paidLongAgo.id}/portal-link`);
    // It answered 201 with a link whose page was the portal's 404.
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ type: 'https://relances.dev/problems/portal-link-expired' });
    expect((await t.ok('GET', `/invoices/${paidLongAgo.id}/timeline?limit=100`)).items.map((e: { type: string }) => e.type)).not.toContain('portal.link_issued');

    const paidRecently = await sendOldInvoice(t, uniqueEmail('reissue-live'));
    await t.ok('POST', `/invoices/${paidRecently.id}/payments`, { amountCents: paidRecently.balance, date: parisToday(), method: 'transfer' });
    const issued = await t.ok('POST', `/invoices/${paidRecently.id}/portal-link`);
    expect(await portalStatus(issued.url.split('/p/')[1])).toBe(200);
    expect(await portalStatus(paidRecently.token)).toBe(404);
  });
});
