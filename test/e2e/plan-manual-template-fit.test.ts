/**
 * A payment plan's reminder sent by hand with the template the owner names (issue 13 §1): `instalment-late` tells the
 * client an instalment "ne nous est pas parvenue". Before any instalment's date has come it went out as named, a week
 * before the first instalment was even due (its own plan table printing "(à venir)"). As an invoice's firmer template
 * before its due date gives way to the courtesy one, the plan's courtesy reminder goes instead, from the invoice and
 * from its client (the invoice asked alone). Over HTTP on the local stack.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const today = parisToday();

/** An invoice 10 days overdue under a two-instalment plan whose first instalment is a week ahead. */
const underPlan = async (t: FreshTenant, language: 'fr' | 'en') => {
  const email = uniqueEmail('planfit');
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email, language }));
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
  const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
  await t.drain();
  const first = Math.floor(sent.balanceCents / 2);
  await t.ok('POST', `/invoices/${draft.id}/payment-plan`, {
    instalments: [
      { dueDate: addDays(today, 7), amountCents: first },
      { dueDate: addDays(today, 21), amountCents: sent.balanceCents - first },
    ],
  });
  await t.drain();
  return { id: draft.id as string, clientId: client.id as string, email };
};
/** The reminders the client got (its invoice's own email reads `Facture F-… – <company>` / `Invoice F-… from <company>`). */
const reminders = async (email: string) => (await inbox(email)).filter((m) => !/^(Facture \S+ – |Invoice \S+ from )/.test(m.subject));

describe('a plan reminder named by the owner before any instalment is late', () => {
  it('goes as the courtesy reminder of the next instalment, never "not received", from the invoice, in French and English', async () => {
    const t = await freshTenant('planfit');
    await t.ok('PUT', '/settings', companySettings);
    for (const [language, courtesy, late] of [
      ['fr', /^Facture \S+\u202f: échéance 1\/2 le /, /non reçue/],
      ['en', /^Invoice \S+: instalment 1\/2 due on /, /not received/],
    ] as const) {
      const invoice = await underPlan(t, language);
      const res = await t.call('POST', `/invoices/${invoice.id}/reminders`, { templateId: 'instalment-late' });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      expect(res.json.templateId).toMatch(/^instalment-courtesy/);
      const mails = await reminders(invoice.email);
      expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(courtesy)]);
      expect(mails[0]!.subject + mails[0]!.body.text).not.toMatch(late);
    }
  });

  it('goes as the courtesy reminder from the client’s reminder too (the invoice under its plan asked alone)', async () => {
    const t = await freshTenant('planfitc');
    await t.ok('PUT', '/settings', companySettings);
    const invoice = await underPlan(t, 'fr');
    const res = await t.call('POST', `/clients/${invoice.clientId}/reminders`, { invoiceIds: [invoice.id], templateId: 'instalment-late' });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.items).toEqual([expect.objectContaining({ invoiceId: invoice.id, status: 'sent' })]);
    const mails = await reminders(invoice.email);
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Facture \S+\u202f: échéance 1\/2 le /)]);
    expect(mails[0]!.body.text).not.toMatch(/ne nous est pas parvenue/);
    const manual = (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items.filter((s: { manual?: boolean }) => s.manual);
    expect(manual.map((s: { templateId: string }) => s.templateId)).toEqual(['instalment-courtesy']);
  });
});
