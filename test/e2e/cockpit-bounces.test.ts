import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

/** SES's mailbox simulator (emulated locally): a message to this address bounces for good. */
const BOUNCE = 'bounce@simulator.amazonses.com';

const bouncedEvents = async (t: FreshTenant, invoiceId: string) =>
  ((await t.ok('GET', `/invoices/${invoiceId}/timeline?limit=100`)).items as { type: string; data?: { stepId?: string } }[]).filter((e) => e.type === 'email.bounced');

/**
 * `reminders.bounces` answers "do my reminders work?" (issue 9 §1, under `reminders`): the bounces of
 * reminder messages, not those of the invoice's own email nor of a thank-you (they counted too).
 */
describe('GET /cockpit reminders.bounces', () => {
  it('counts a reminder that bounced, not the invoice email nor a thank-you that bounced', async () => {
    const t = await freshTenant('cockpit-bounces');
    await t.ok('PUT', '/settings', companySettings);
    const today = parisToday();
    const bounces = async () => {
      await t.drain();
      return (await t.ok('GET', '/cockpit')).reminders.bounces as number;
    };
    const sentTo = async (name: string, email: string) => {
      const client = await t.ok('POST', '/clients', aBusinessClientInput({ email, name }));
      const invoice = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: today, dueDate: today }));
      const sent = await t.ok('POST', `/invoices/${invoice.id}/send`);
      await t.drain();
      return { clientId: client.id as string, id: invoice.id as string, grossCents: sent.totals.grossCents as number };
    };

    // The invoice's own email bounces.
    const first = await sentTo('Adresse Fausse', BOUNCE);
    expect(await bouncedEvents(t, first.id)).toHaveLength(1);
    expect(await bounces()).toBe(0);

    // A thank-you bounces (the client's address changed to one that bounces after the invoice went).
    const thanked = await sentTo('Garage Roux', uniqueEmail('bounces'));
    await t.ok('PATCH', `/clients/${thanked.clientId}`, { email: BOUNCE });
    await t.ok('POST', `/invoices/${thanked.id}/payments`, { amountCents: thanked.grossCents, date: today, method: 'transfer' });
    await t.drain();
    expect((await t.ok('GET', `/invoices/${thanked.id}/timeline?limit=100`)).items.map((e: { type: string }) => e.type)).toContain('thank_you.sent');
    expect(await bouncedEvents(t, thanked.id)).toHaveLength(1);
    expect(await bounces()).toBe(0);

    // A reminder bounces: counted, once.
    const reminded = await sentTo('Plâtrerie Nord', uniqueEmail('bounces'));
    await t.ok('PATCH', `/clients/${reminded.clientId}`, { email: BOUNCE });
    await t.ok('POST', `/invoices/${reminded.id}/reminders`, { force: true });
    await t.drain();
    expect((await bouncedEvents(t, reminded.id)).map((e) => typeof e.data?.stepId)).toEqual(['string']);
    expect(await bounces()).toBe(1);
  });
});
