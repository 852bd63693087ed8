import { describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { dueDateAhead, endOfDay, parisToday, runUntil } from './local-clock.js';

/**
 * Issue 12: an invoice's portal link is derived from the portal secret (the local stack sets
 * PORTAL_TOKEN_SECRET), so its invoice email and every reminder carry the same link and a reminder
 * writes no new token; revoking or re-issuing moves the invoice to a new link.
 */
const LINK = /https?:\/\/[^\s]+\/p\/([A-Za-z0-9_-]{43})/g;
const portalStatus = async (token: string) => (await fetch(`${inject('apiUrl')}/portal/${token}`)).status;
/** The portal tokens in each email to `to`, oldest email first (text and HTML parts). */
const linksByEmail = async (to: string) =>
  (await inbox(to)).map((m) => ({ subject: m.subject, tokens: [...new Set([...`${m.body.text ?? ''}\n${m.body.html ?? ''}`.matchAll(LINK)].map((x) => x[1]!))] }));

describe('stable portal links on the local stack', () => {
  it('the invoice email and its reminders carry one link that opens; re-issued, the next email carries the new one; revoked, none', async () => {
    const t = await freshTenant('portal-stable');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('portal-stable');
    const due = dueDateAhead(10);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: due }));
    await t.ok('POST', `/invoices/${draft.id}/send`);

    // J-5 and J+1: two reminders after the invoice email, all three with the same link.
    await runUntil(endOfDay(addDays(due, 1)), { tenant: t.tenantId });
    const first = await linksByEmail(email);
    expect(first).toHaveLength(3);
    const [link] = first[0]!.tokens;
    expect(link).toBeDefined();
    expect(first.map((m) => m.tokens)).toEqual([[link], [link], [link]]);
    expect(await portalStatus(link!)).toBe(200);
    // The invoice remembers its link is stored (its reminders skip the lookup), which the API never shows.
    expect((await t.ok('GET', `/invoices/${draft.id}`)).portalLinkStored).toBeUndefined();
    expect((await t.ok('GET', `/invoices?clientId=${client.id}`)).items[0].portalLinkStored).toBeUndefined();

    // The owner re-issues the link: the old one dies, the URL shown to him is the one the next reminder carries.
    const fresh = /\/p\/([A-Za-z0-9_-]{43})$/.exec((await t.ok('POST', `/invoices/${draft.id}/portal-link`)).url)![1]!;
    expect(fresh).not.toBe(link);
    expect(await portalStatus(link!)).toBe(404);
    expect(await portalStatus(fresh)).toBe(200);
    await runUntil(endOfDay(addDays(due, 12)), { tenant: t.tenantId }); // J+8, moved by at most a long weekend
    const second = await linksByEmail(email);
    expect(second).toHaveLength(4);
    expect(second[3]!.tokens).toEqual([fresh]);

    // Revoked: the link dies and the next reminder (J+15) carries none.
    expect((await t.call('DELETE', `/invoices/${draft.id}/portal-link`)).status).toBe(204);
    expect(await portalStatus(fresh)).toBe(404);
    await runUntil(endOfDay(addDays(due, 20)), { tenant: t.tenantId });
    const third = await linksByEmail(email);
    expect(third).toHaveLength(5);
    expect(third[4]!.tokens).toEqual([]);
  });
});
