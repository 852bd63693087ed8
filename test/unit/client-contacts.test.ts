import { describe, expect, it } from 'vitest';
import { billingEmails, billingPhones, listedEmails } from '../../shared/domain/client.js';
import { reminderRecipients } from '../../shared/app/reminders/reminder-context.js';
import { flagClient } from '../../shared/app/reminders/email-events.js';
import { bccFor } from '../../shared/app/reminders/compose-reminder.js';
import { ClientInput, ClientPatch } from '../../shared/http/schemas/clients.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { aClient } from '../fixtures/fakes.js';

const contacts = [
  { name: 'Compta', email: 'compta@dupont.test', phone: '+33612345678', role: 'billing' as const },
  { name: 'Gérant', email: 'gerant@dupont.test', phone: '+33700000001', role: 'other' as const },
  { name: 'Compta bis', email: 'COMPTA@dupont.test', role: 'billing' as const },
  { name: 'Trésorerie', phone: '+33698765432', role: 'billing' as const },
];

describe('client contacts', () => {
  it('lists billing emails and phones once each, other contacts left out', () => {
    const client = aClient({ email: 'main@dupont.test', ccEmails: [], contacts });
    expect(billingEmails(client)).toEqual(['compta@dupont.test']);
    expect(billingPhones(client)).toEqual(['+33612345678', '+33698765432']);
    expect(listedEmails(client)).toEqual([client.email, 'compta@dupont.test', 'gerant@dupont.test']);
  });

  it('sends reminders to the billing contacts, the main address when there are none', () => {
    expect(reminderRecipients(aClient({ email: 'main@dupont.test', ccEmails: ['copie@dupont.test'], contacts }))).toEqual({
      to: ['compta@dupont.test'],
      cc: ['copie@dupont.test'],
    });
    expect(reminderRecipients(aClient({ email: 'main@dupont.test', ccEmails: [], contacts: contacts.filter((c) => c.role === 'other') }))).toEqual({ to: ['main@dupont.test'], cc: [] });
    expect(reminderRecipients(aClient({ email: 'main@dupont.test', ccEmails: [] }))).toEqual({ to: ['main@dupont.test'], cc: [] });
  });

  it('falls back to the main address when every billing address bounced', () => {
    const client = aClient({ email: 'main@dupont.test', ccEmails: [], contacts, bouncedEmails: ['compta@dupont.test'] });
    expect(reminderRecipients(client)).toEqual({ to: ['main@dupont.test'], cc: [] });
  });

  it('flags a bounced contact address, not the main one', () => {
    const client = aClient({ email: 'main@dupont.test', ccEmails: [], contacts });
    const flagged = flagClient(client, { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'gerant@dupont.test' }] } }, true);
    expect(flagged?.bouncedEmails).toEqual(['gerant@dupont.test']);
    expect(flagged?.emailStatus).toBe('ok');
  });

  it('copies the owner only when bccSelf is on, to the company address, else to where his notifications go', () => {
    const settings = defaultSettings();
    expect(settings.bccSelf).toBe(false);
    expect(settings.groupByClient).toBe(true);
    expect(bccFor({ ...settings, company: { name: 'X', email: 'moi@x.test' } })).toEqual([]);
    expect(bccFor({ ...settings, bccSelf: true, company: { name: 'X', email: 'moi@x.test' } })).toEqual(['moi@x.test']);
    expect(bccFor({ ...settings, bccSelf: true, company: { name: 'X' } })).toEqual([]);
    expect(bccFor({ ...settings, bccSelf: true, company: { name: 'X' }, notifyEmail: 'patron@x.test' })).toEqual(['patron@x.test']);
    expect(bccFor({ ...settings, bccSelf: true, company: { name: 'X', email: 'moi@x.test' }, notifyEmail: 'patron@x.test' })).toEqual(['moi@x.test']);
    expect(bccFor({ ...settings, company: { name: 'X' }, notifyEmail: 'patron@x.test' })).toEqual([]);
  });
});

describe('contacts validation', () => {
  const base = { name: 'Dupont', kind: 'business', email: 'main@dupont.test' };
  const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((i) => i.path.join('.'));

  it('normalises a spaced phone to E.164 and defaults to no contacts', () => {
    const ok = ClientInput.parse({ ...base, contacts: [{ name: 'Compta', phone: '+33 6 12 34 56 78', role: 'billing' }] });
    expect(ok.contacts).toEqual([{ name: 'Compta', phone: '+33612345678', role: 'billing' }]);
    expect(ClientInput.parse(base).contacts).toEqual([]);
  });

  it.each([
    [{ name: 'A', phone: '0612345678', role: 'billing' }, 'contacts.0.phone'],
    [{ name: 'A', phone: '+0612345678', role: 'billing' }, 'contacts.0.phone'],
    [{ name: 'A', phone: '+3361234567890123', role: 'billing' }, 'contacts.0.phone'],
    [{ name: 'A', email: 'not-an-email', role: 'billing' }, 'contacts.0.email'],
    [{ name: 'A', email: 'a@b.test', role: 'boss' }, 'contacts.0.role'],
    [{ name: 'A', role: 'billing' }, 'contacts.0.email'],
    [{ name: '', email: 'a@b.test', role: 'other' }, 'contacts.0.name'],
  ])('refuses %j naming %s', (contact, path) => {
    expect(paths(ClientInput.safeParse({ ...base, contacts: [contact] }))).toEqual([path]);
    expect(paths(ClientPatch.safeParse({ contacts: [{ name: 'ok', email: 'ok@b.test', role: 'other' }, contact] }))).toEqual([path.replace('.0.', '.1.')]);
  });
});
