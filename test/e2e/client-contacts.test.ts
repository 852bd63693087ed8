import { describe, expect, inject, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { dueDateAhead, parisToday } from './local-clock.js';

describe('client contacts on the local stack', () => {
  it('refuses a contact with a bad phone or email naming the field, nothing written', async () => {
    const t = await freshTenant('contacts-bad');
    const bad = await t.call('POST', '/clients', aBusinessClientInput({ contacts: [{ name: 'Compta', email: 'ok@dupont.test', role: 'billing' }, { name: 'Tel', phone: '06 12 34 56 78', role: 'billing' }] }));
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.contacts.1.phone']);
    const badEmail = await t.call('POST', '/clients', aBusinessClientInput({ contacts: [{ name: 'Compta', email: 'nope', role: 'billing' }] }));
    expect(badEmail.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.contacts.0.email']);
    expect((await t.get('/clients')).json.items).toEqual([]);

    const created = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('contacts') }));
    const patch = await t.call('PATCH', `/clients/${created.id}`, { contacts: [{ name: 'X', phone: '+12', role: 'billing' }] });
    expect(patch.status).toBe(400);
    expect(patch.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.contacts.0.phone']);
    expect((await t.get(`/clients/${created.id}`)).json.contacts).toEqual([]);
  });

  it('keeps contacts, and sends reminders to the billing contacts with a blind copy to the owner', async () => {
    const t = await freshTenant('contacts');
    await t.ok('PUT', '/settings', { ...companySettings, bccSelf: true });
    const main = uniqueEmail('main');
    const billing = uniqueEmail('billing');
    const other = uniqueEmail('other');
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: main }));
    expect(client.contacts).toEqual([]);
    const patched = await t.ok('PATCH', `/clients/${client.id}`, {
      contacts: [
        { name: 'Service comptable', email: billing, phone: '+33 6 12 34 56 78', role: 'billing' },
        { name: 'Gérant', email: other, role: 'other' },
      ],
    });
    expect(patched.contacts[0]).toEqual({ name: 'Service comptable', email: billing, phone: '+33612345678', role: 'billing' });
    expect((await t.get(`/clients/${client.id}`)).json.contacts).toEqual(patched.contacts);

    const invoice = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: dueDateAhead(10) }));
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    const reminder = await t.call('POST', `/invoices/${invoice.id}/reminders`, { templateId: 'reminder' });
    expect(reminder.status).toBe(201);
    const [mail, ...more] = await inbox(billing);
    expect(more).toEqual([]);
    expect(mail!.destination.to).toEqual([billing]);
    expect(mail!.destination.bcc).toEqual([companySettings.company.email]);
    expect((await inbox(other)).length).toBe(0);
    expect(reminder.json.recipients).toEqual([billing]);
    // A template that does not exist is the request's own fault: 422 naming it, not the 409 of "already reminded today".
    const unknown = await t.call('POST', `/invoices/${invoice.id}/reminders`, { templateId: 'no-such-template' });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([{ path: 'body.templateId', message: 'no such template' }]);
  });

  it('keeps a bounced main address flagged on the billing contact that lists it once the main address is corrected', async () => {
    const t = await freshTenant('contacts-bounce');
    await t.ok('PUT', '/settings', companySettings);
    // The billing contact was typed with the main address (in other letters' case): both are one mailbox.
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: 'bounce@simulator.amazonses.com', contacts: [{ name: 'Compta', email: 'Bounce@Simulator.amazonses.com', role: 'billing' }] }));
    const invoice = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: dueDateAhead(10) }));
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    let status = '';
    for (let i = 0; i < 50 && status !== 'bouncing'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await t.get(`/clients/${client.id}`)).json.emailStatus;
    }
    expect(status).toBe('bouncing');
    // The owner corrects the main address; the contact still holds the one that bounced.
    const fixed = uniqueEmail('fixed');
    const patched = await t.ok('PATCH', `/clients/${client.id}`, { email: fixed });
    expect(patched.emailStatus).toBe('ok');
    expect(patched.bouncedEmails.map((e: string) => e.toLowerCase())).toEqual(['bounce@simulator.amazonses.com']);
    const preview = await t.ok('POST', `/clients/${client.id}/reminders?dryRun=true`, { templateId: 'reminder' });
    expect(preview.to).toEqual([fixed]);
  });

  it('keeps reminders stopped after a complaint from the billing contact when only the main address changes', async () => {
    const t = await freshTenant('contacts-complaint');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('main'), contacts: [{ name: 'Compta', email: 'complaint@simulator.amazonses.com', role: 'billing' }] }));
    const invoice = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: dueDateAhead(10) }));
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    // The reminder goes to the billing contact, who reports it as spam.
    expect((await t.ok('POST', `/invoices/${invoice.id}/reminders`, { templateId: 'reminder' })).recipients).toEqual(['complaint@simulator.amazonses.com']);
    let complained = false;
    for (let i = 0; i < 50 && !complained; i++) {
      await new Promise((r) => setTimeout(r, 200));
      complained = (await t.get(`/clients/${client.id}`)).json.complained === true;
    }
    expect(complained).toBe(true);
    // A new main address changes nothing for the contact the reminders go to: still stopped.
    const patched = await t.ok('PATCH', `/clients/${client.id}`, { email: uniqueEmail('main2') });
    expect(patched.complained).toBe(true);
    await fetch(`${inject('apiUrl')}/local/streams/drain`, { method: 'POST' });
    const steps = (await t.get(`/invoices/${invoice.id}/reminders`)).json.items as { state: string; reason?: string }[];
    expect(steps.filter((s) => s.state === 'scheduled')).toEqual([]);
    expect(steps.some((s) => s.state === 'cancelled' && s.reason === 'complained')).toBe(true);
    // Pointing the reminders elsewhere (the billing contact replaced) lifts the stop.
    const moved = await t.ok('PATCH', `/clients/${client.id}`, { contacts: [{ name: 'Compta', email: uniqueEmail('compta'), role: 'billing' }] });
    expect(moved.complained).toBeUndefined();
  });
});
