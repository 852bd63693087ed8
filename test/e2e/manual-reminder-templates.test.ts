import { beforeAll, describe, expect, it } from 'vitest';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';

/**
 * A manual reminder (one invoice, a client's, a mass send) is a reminder email: the owner's own words
 * to a consumer may not speak of penalties or the €40 (CPCE L111-8: they rendered as blanks, or the
 * words went out), and a template made for another purpose (a text message, a thank-you, a payment
 * plan's instalment without a plan) is refused naming `body.templateId` instead of reaching the
 * client with empty placeholders ("l'échéance  sur  de l'échéancier … prévue le , ").
 */
let t: FreshTenant;
let consumerId: string;
let businessId: string;
let consumerInvoice: string;
let businessInvoice: string;
const consumerEmail = uniqueEmail('manual-tpl-consumer');
const businessEmail = uniqueEmail('manual-tpl-business');

beforeAll(async () => {
  t = await freshTenant('manual-templates');
  await t.ok('PUT', '/settings', companySettings);
  const res = await t.call('POST', '/imports/invoices', {
    invoices: [
      { number: 'MT-1', client: { name: 'Jean Client', email: consumerEmail, kind: 'consumer' }, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 50_000 },
      { number: 'MT-2', client: { name: 'Jean Client', email: consumerEmail, kind: 'consumer' }, issueDate: '2026-09-05', dueDate: '2026-10-05', grossCents: 20_000 },
      { number: 'MT-3', client: { name: 'Société Cliente', email: businessEmail, kind: 'business' }, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 80_000 },
    ],
  });
  expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
  consumerId = res.json.items[0].clientId;
  businessId = res.json.items[2].clientId;
  await t.drain();
  const listed = (await t.ok('GET', '/invoices?limit=10')).items as { id: string; number: string }[];
  const idOf = (number: string) => listed.find((i) => i.number === number)!.id;
  [consumerInvoice, businessInvoice] = [idOf('MT-1'), idOf('MT-3')];
}, 60_000);

describe('a manual reminder to a consumer in the owner’s own words', () => {
  it('is refused (422 naming body.subject and body.body) when they mention penalties or the €40, in a preview as for real, and nothing is sent', async () => {
    for (const query of ['?dryRun=true', '']) {
      const res = await t.call('POST', `/clients/${consumerId}/reminders${query}`, {
        subject: 'Pénalités de retard : {{penaltiesAmount}}',
        body: 'Merci de régler {{balanceAmount}} et l’indemnité de {{indemnityAmount}}.',
      });
      expect([res.status, res.type, res.json.errors?.map((e: { path: string }) => e.path)], query).toEqual([
        422,
        expect.stringContaining('application/problem+json'),
        ['body.subject', 'body.body'],
      ]);
      expect(res.json.errors[1].message).toContain('consumer');
    }
    expect((await inbox(consumerEmail)).filter((e) => !e.subject.startsWith('Facture'))).toEqual([]);
  });

  it('goes out when they do not', async () => {
    const res = await t.call('POST', `/clients/${consumerId}/reminders?dryRun=true`, { subject: 'Vos factures', body: 'Merci de régler {{balanceAmount}}.' });
    expect([res.status, res.json.subject]).toEqual([200, 'Vos factures']);
  });

  it('may speak of penalties to a business', async () => {
    const res = await t.call('POST', `/clients/${businessId}/reminders?dryRun=true`, { subject: 'Pénalités', body: 'Pénalités : {{penaltiesAmount}}' });
    expect([res.status, res.json.text]).toEqual([200, expect.stringMatching(/^Pénalités\u202f: \d+,\d\d\s€/)]);
  });
});

describe('a manual reminder with a template made for something else', () => {
  const misused = [
    ['sms-reminder', 'text message'],
    ['thank-you', 'thank'],
    ['instalment-late', 'payment plan'],
  ] as const;

  it.each(misused)('POST /clients/{id}/reminders refuses %s (422 naming body.templateId), in a preview too', async (templateId, says) => {
    for (const query of ['?dryRun=true', '']) {
      const res = await t.call('POST', `/clients/${businessId}/reminders${query}`, { templateId });
      expect([res.status, res.json.errors?.[0]?.path], `${templateId}${query}`).toEqual([422, 'body.templateId']);
      expect(res.json.errors[0].message).toContain(says);
    }
  });

  it.each(misused)('POST /invoices/{id}/reminders refuses %s (422 naming body.templateId)', async (templateId) => {
    const res = await t.call('POST', `/invoices/${consumerInvoice}/reminders`, { templateId });
    expect([res.status, res.json.errors?.[0]?.path]).toEqual([422, 'body.templateId']);
  });

  it('POST /reminders/batch refuses a text or thank-you template for the whole batch (422 naming body.templateId)', async () => {
    for (const templateId of ['sms-reminder', 'thank-you-en']) {
      const res = await t.call('POST', '/reminders/batch', { invoiceIds: [consumerInvoice, businessInvoice], templateId });
      expect([res.status, res.json.errors?.[0]?.path], templateId).toEqual([422, 'body.templateId']);
    }
  });

  it('sent nothing for any of them', async () => {
    expect((await inbox(businessEmail)).map((e) => e.subject)).toEqual([]);
    expect((await inbox(consumerEmail)).map((e) => e.subject)).toEqual([]);
  });

  it('takes an instalment template while the invoice has a payment plan', async () => {
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    expect((await t.call('POST', `/invoices/${businessInvoice}/payment-plan`, { instalments: [{ dueDate: due, amountCents: 80_000 }] })).status).toBe(201);
    const res = await t.call('POST', `/clients/${businessId}/reminders?dryRun=true`, { templateId: 'instalment-courtesy' });
    expect([res.status, res.json.items?.[0]?.status]).toEqual([200, 'would_send']);
  });
});
