/**
 * A mise en demeure (or a firm reminder) as the first message about an invoice: an artisan who puts a client on notice
 * straight away, by hand, or a scenario that opens with it. The built-in email said "Malgré nos relances, …" (the
 * consumer's "Malgré nos rappels", the firm one "Deuxième relance" and "Malgré notre précédente relance") to a client
 * never reminded, in a legal notice whose attached letter says "Sauf erreur de notre part" (its firstNotice), as a
 * grouped message does. Said once a reminder went out, it stays.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aConsumerClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const firstReminder = async (t: FreshTenant, client: Record<string, unknown>, templateId: string) => {
  const email = client.email as string;
  const { id } = await t.ok('POST', '/clients', client);
  const today = parisToday();
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(id, { issueDate: addDays(today, -40), dueDate: addDays(today, -20) }));
  await t.ok('POST', `/invoices/${draft.id}/send`);
  await t.drain();
  const sent = await t.call('POST', `/invoices/${draft.id}/reminders`, { templateId, force: true });
  expect(sent.status).toBe(201);
  const mail = (await inbox(email)).at(-1)!;
  return { subject: mail.subject, text: mail.body.text!.replace(/[\s\u00a0\u202f]+/g, ' ') };
};

describe('a firm reminder or a mise en demeure as the first message about an invoice', () => {
  it('never tells a client never reminded "malgré nos relances" (business, consumer, English)', { timeout: 60_000 }, async () => {
    const t = await freshTenant('first-notice');
    await t.ok('PUT', '/settings', companySettings);

    const notice = await firstReminder(t, aBusinessClientInput({ email: uniqueEmail('first-notice-b') }), 'formal-notice');
    expect(notice.subject).toMatch(/^Mise en demeure de payer – facture F-/);
    expect(notice.text).not.toContain('Malgré');
    expect(notice.text).toMatch(/Sauf erreur de notre part, la facture F-\d{4}-\d{4} émise le/);

    const consumer = await firstReminder(t, aConsumerClientInput({ email: uniqueEmail('first-notice-c') }), 'formal-notice-consumer');
    expect(consumer.text).not.toContain('Malgré');
    expect(consumer.text).toMatch(/Sauf erreur de notre part, la facture F-\d{4}-\d{4} du/);

    const firm = await firstReminder(t, aBusinessClientInput({ email: uniqueEmail('first-notice-f') }), 'firm');
    expect(firm.subject).toMatch(/^Relance\u202f: facture F-\d{4}-\d{4} impayée depuis 20\u00a0jours$/);
    expect(firm.text).not.toContain('précédente relance');

    const english = await firstReminder(t, aBusinessClientInput({ email: uniqueEmail('first-notice-e'), language: 'en' }), 'firm');
    expect(english.subject).toMatch(/^Reminder: invoice F-\d{4}-\d{4} unpaid for 20 days$/);
    expect(english.text).toMatch(/Unless we are mistaken, invoice F-\d{4}-\d{4} of/);
  });
});
