/**
 * A grouped reminder that lists invoices not due yet, on the local stack (DynamoDB Local, the SES
 * emulator, the real PDF renderer): the mass send (`POST /reminders/batch`) and the manual one
 * (`POST /clients/{id}/reminders`) call only the overdue invoices unpaid, word the others
 * "à échéance le …", and a mise en demeure covers the overdue ones alone.
 */
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aConsumerClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');
const frDate = (iso: string) => iso.split('-').reverse().join('/');

/** A client with one invoice 12 days late and one due in 10 days. */
const mixedClient = async (t: FreshTenant, email: string) => {
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
  const today = parisToday();
  const invoices: { id: string; number: string; dueDate: string }[] = [];
  for (const offset of [-12, 10]) {
    const dueDate = addDays(today, offset);
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -30), dueDate }));
    invoices.push({ id: draft.id, number: (await t.ok('POST', `/invoices/${draft.id}/send`)).number, dueDate });
  }
  return { clientId: client.id as string, late: invoices[0]!, notDue: invoices[1]! };
};

describe('a grouped reminder listing an invoice not due yet, on the local stack', () => {
  it('calls only the overdue invoice unpaid in a mass send, and words the other "à échéance le …"', { timeout: 60_000 }, async () => {
    const t = await freshTenant('wording-batch');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('wording-batch');
    const { late, notDue } = await mixedClient(t, email);
    const res = await t.ok('POST', '/reminders/batch', { invoiceIds: [late.id, notDue.id], templateId: 'reminder' });
    expect(res.totals.sent).toBe(2);
    const mails = (await inbox(email)).filter((m) => m.subject.startsWith('Relance'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Relance\u202f: 2 factures à régler – Plomberie Martin');
    const text = plain(mails[0]!.body.text!);
    expect(text).not.toContain('les factures suivantes restent impayées');
    expect(text).toContain("Celles dont l'échéance est passée restent impayées");
    expect(text).toMatch(new RegExp(`${late.number} ${frDate(late.dueDate)} [\\d ]+,\\d\\d € 12 j`));
    expect(text).toMatch(new RegExp(`${notDue.number} ${frDate(notDue.dueDate)} [\\d ]+,\\d\\d € à échéance le ${frDate(notDue.dueDate)}`));
    expect(plain(mails[0]!.body.html!)).toContain(`à échéance le ${frDate(notDue.dueDate)}`);
  });

  it('puts on notice only the overdue invoice in a manual mise en demeure: the letter attached lists it alone', { timeout: 60_000 }, async () => {
    const t = await freshTenant('wording-manual');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('wording-manual');
    const { clientId, late, notDue } = await mixedClient(t, email);
    const sent = await t.call('POST', `/clients/${clientId}/reminders`, { templateId: 'formal-notice', force: true });
    expect(sent.status).toBe(201);
    const [mail] = (await inbox(email)).filter((m) => m.subject.startsWith('Mise en demeure'));
    expect(mail!.subject).toBe('Mise en demeure de payer – 1 facture – Plomberie Martin');
    expect(plain(mail!.body.text!)).toContain(`à échéance le ${frDate(notDue.dueDate)}`);
    const letter = mail!.attachments.find((a) => a.filename.startsWith('mise-en-demeure'))!;
    const text = plain((await extractText(await getDocumentProxy(new Uint8Array(Buffer.from(letter.content, 'base64'))), { mergePages: true })).text);
    expect(text).toContain(late.number);
    expect(text).not.toContain(notDue.number);
    expect(text).toContain(`référence ${late.number}.`);
    expect(text).toMatch(/Indemnité forfaitaire pour frais de recouvrement \(40,00 € × 1/);
  });

  it("demands in a business's grouped mise en demeure the sum its letter demands: the balances, the penalties to date and the €40 of each invoice", { timeout: 60_000 }, async () => {
    const t = await freshTenant('wording-notice');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('wording-notice');
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
    const today = parisToday();
    for (const offset of [-40, -25]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, offset - 30), dueDate: addDays(today, offset) }));
      await t.ok('POST', `/invoices/${draft.id}/send`);
    }
    expect((await t.call('POST', `/clients/${client.id}/reminders`, { templateId: 'formal-notice', force: true })).status).toBe(201);
    const [mail] = (await inbox(email)).filter((m) => m.subject.startsWith('Mise en demeure'));
    const letter = mail!.attachments.find((a) => a.filename.startsWith('mise-en-demeure'))!;
    const letterText = plain((await extractText(await getDocumentProxy(new Uint8Array(Buffer.from(letter.content, 'base64'))), { mergePages: true })).text);
    const [, penalties] = /Pénalités de retard arrêtées au .*?\) ([\d ]+,\d\d €)/.exec(letterText)!;
    const [, due] = /Total dû ([\d ]+,\d\d €)/.exec(letterText)!;
    const text = plain(mail!.body.text!);
    // The email is itself the notice: it never demands less than the letter it carries (it said "la somme de <balances>").
    expect(text).toContain(`les pénalités de retard au taux de 12,15 %, soit ${penalties} à ce jour`);
    expect(text).toContain('les indemnités forfaitaires pour frais de recouvrement (40,00 € par facture échue) : 80,00 €');
    expect(text).toContain(`Total réclamé : ${due}.`);
    expect(plain(mail!.body.html!)).toContain(`Total réclamé : ${due}.`);
  });

  it('sends an invoice not due yet the courtesy text when a mass send names a firmer template', { timeout: 60_000 }, async () => {
    const t = await freshTenant('wording-single');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('wording-single');
    const { notDue } = await mixedClient(t, email);
    const res = await t.ok('POST', '/reminders/batch', { invoiceIds: [notDue.id], templateId: 'firm' });
    expect(res.totals.sent).toBe(1);
    const mails = (await inbox(email)).filter((m) => m.subject.includes(notDue.number) && !m.subject.startsWith('Facture ' + notDue.number + ' –'));
    expect(mails).toHaveLength(1);
    const text = plain(mails[0]!.body.text!);
    expect(mails[0]!.subject).not.toMatch(/relance|impayée/i);
    expect(text).not.toMatch(/impayée|échue|mise en demeure/i);
    expect(text).toContain(frDate(notDue.dueDate));
    const step = ((await t.ok('GET', `/invoices/${notDue.id}/reminders`)).items as any[]).find((s) => s.manual);
    // The history says what went out.
    expect(step).toMatchObject({ state: 'sent', templateId: 'courtesy' });
  });

  it('sends an overdue invoice the first overdue reminder when the courtesy one is named, never "arrive à échéance" on a past date', { timeout: 60_000 }, async () => {
    const t = await freshTenant('wording-courtesy');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('wording-courtesy');
    const { clientId, late, notDue } = await mixedClient(t, email);
    // The client's message (the preview as the send), and the invoice's own route.
    const preview = await t.ok('POST', `/clients/${clientId}/reminders?dryRun=true`, { templateId: 'courtesy', invoiceIds: [late.id] });
    expect(preview.subject).toBe(`Relance\u202f: facture ${late.number} échue le ${frDate(late.dueDate)}`);
    expect(plain(preview.text)).not.toContain('arrive à échéance');
    // An invoice not due yet keeps the courtesy one it was asked.
    const early = await t.ok('POST', `/clients/${clientId}/reminders?dryRun=true`, { templateId: 'courtesy', invoiceIds: [notDue.id] });
    expect(early.subject).toBe(`Facture ${notDue.number}\u202f: échéance le ${frDate(notDue.dueDate)}`);
    const both = await t.ok('POST', `/clients/${clientId}/reminders`, { templateId: 'courtesy' });
    expect(both.subject).toBe('Relance\u202f: 2 factures à régler – Plomberie Martin');
    expect(plain(both.text)).toContain("Celles dont l'échéance est passée restent impayées");
    const step = ((await t.ok('GET', `/invoices/${late.id}/reminders`)).items as any[]).find((s) => s.manual);
    expect(step).toMatchObject({ state: 'sent', templateId: 'reminder' });
  });

  it('does the same on POST /invoices/{id}/reminders, for a consumer too', { timeout: 60_000 }, async () => {
    const t = await freshTenant('wording-courtesy-one');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('wording-courtesy-one');
    const client = await t.ok('POST', '/clients', aConsumerClientInput({ email }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -30), dueDate: addDays(today, -6) }));
    const number = (await t.ok('POST', `/invoices/${draft.id}/send`)).number;
    const res = await t.call('POST', `/invoices/${draft.id}/reminders`, { templateId: 'courtesy-consumer', force: true });
    expect([res.status, res.json.templateId]).toEqual([201, 'reminder-consumer']);
    const mail = (await inbox(email)).find((m) => m.subject.includes(number) && m.attachments.length > 0 && !m.subject.startsWith('Facture'));
    expect(mail?.subject).not.toContain('arrive à échéance');
    expect(plain(mail!.body.text!)).not.toContain('arrive à échéance');
  });
});
