import { describe, expect, it } from 'vitest';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';

/**
 * A reminder the owner sends with a template of the other language (the English one to a client whose record says
 * French: he speaks English, the record was never changed) reads in that template's language throughout, as the
 * template's preview shows it: its dates, amounts and payment sentence are the template's, never French figures and
 * « Règlement par virement : … » inside an English email.
 */
describe('a reminder sent with a template in another language than the client’s', () => {
  it('fills the variables in the template’s language, as its preview does', async () => {
    const t = await freshTenant('template-language');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('template-language');
    const res = await t.call('POST', '/imports/invoices', {
      invoices: [{ number: 'TL-1', client: { name: 'Acme Ltd', email, kind: 'business' }, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 148_147 }],
    });
    expect(res.json).toMatchObject({ created: 1, errors: [] });
    await t.drain();
    const invoice = (await t.ok('GET', '/invoices?q=TL')).items[0] as { id: string; clientId: string };
    expect((await t.ok('GET', `/clients/${invoice.clientId}`)).language).toBe('fr');

    const preview = await t.ok('POST', '/templates/reminder-en/preview', { invoiceId: invoice.id });
    expect(preview.body).toContain('€1,481.47');

    const dry = await t.ok('POST', `/clients/${invoice.clientId}/reminders?dryRun=true`, { templateId: 'reminder-en' });
    expect(dry.subject).toBe(preview.subject);
    expect(dry.text).toContain('due on 1 October 2026, remains unpaid for €1,481.47');
    expect(dry.text).toContain('Payment by bank transfer: IBAN');
    expect(dry.text).not.toContain('Règlement');

    const sent = await t.call('POST', `/invoices/${invoice.id}/reminders`, { templateId: 'reminder-en' });
    expect(sent.status).toBe(201);
    const [mail] = (await inbox(email)).filter((e) => e.subject.startsWith('Reminder'));
    expect(mail?.subject).toBe(preview.subject);
    expect(mail?.body.text).toContain('€1,481.47');
    expect(mail?.body.text).toContain('Payment by bank transfer: IBAN');
    expect(mail?.body.text).not.toContain('1 481,47');
  });
});
