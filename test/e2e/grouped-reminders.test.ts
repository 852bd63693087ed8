/**
 * Issue 10 §1 on the local stack: several invoices of one client whose steps fall on the same send
 * day go out as ONE email listing them, with every PDF, each step recorded `sent` with its id.
 */
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail, type StoredEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

const reminders = (emails: StoredEmail[]) => emails.filter((e) => !/^(Facture \S+ – |Invoice \S+ from )/.test(e.subject));
const pdfText = async (base64: string) => (await extractText(await getDocumentProxy(new Uint8Array(Buffer.from(base64, 'base64'))), { mergePages: true })).text;

/** A client with invoices already late (due `daysLate` ago), sent now: their first catch-up steps share the next send window. */
const lateInvoices = async (t: FreshTenant, email: string, daysLate: number[]) => {
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
  const today = parisToday();
  const invoices: { id: string; number: string }[] = [];
  for (const late of daysLate) {
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -late - 30), dueDate: addDays(today, -late) }));
    const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
    invoices.push({ id: draft.id, number: sent.number });
  }
  return { clientId: client.id as string, invoices };
};

describe('grouped reminders on the local stack', () => {
  it('sends a client with three late invoices one email listing them with three PDFs, each step sent with the shared message id', async () => {
    const t = await freshTenant('grouped');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('grouped');
    const { invoices } = await lateInvoices(t, email, [20, 12, 4]);

    const fired = (await runUntil(endOfDay(addDays(parisToday(), 4)))).filter((f) => invoices.some((i) => i.id === f.input?.invoiceId));
    const outcomes = fired.map((f) => ('result' in f && f.result && 'outcome' in f.result ? f.result.outcome : 'error'));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);

    const mails = reminders(await inbox(email));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.attachments.map((a) => a.filename).sort()).toEqual(invoices.map((i) => `${i.number}.pdf`).sort());
    for (const i of invoices) {
      expect(mail!.body.text).toContain(i.number);
      const attachment = mail!.attachments.find((a) => a.filename === `${i.number}.pdf`)!;
      expect(await pdfText(attachment.content)).toContain(i.number);
    }
    expect(mail!.subject).toContain('3 factures');
    expect(mail!.body.html).toContain('<table');

    const sentSteps = [];
    for (const i of invoices) {
      const steps = (await t.ok('GET', `/invoices/${i.id}/reminders`)).items as { state: string; messageId?: string }[];
      sentSteps.push(...steps.filter((s) => s.state === 'sent'));
    }
    expect(sentSteps).toHaveLength(3);
    expect(new Set(sentSteps.map((s) => s.messageId)).size).toBe(1);
    expect(sentSteps[0]!.messageId).toBe(mail!.messageId);
  });

  it('sends each invoice its own email when groupByClient is off', async () => {
    const t = await freshTenant('ungrouped');
    await t.ok('PUT', '/settings', { ...companySettings, groupByClient: false, minGapDays: 0 });
    const email = uniqueEmail('ungrouped');
    const { invoices } = await lateInvoices(t, email, [20, 4]);
    await runUntil(endOfDay(addDays(parisToday(), 4)));
    const mails = reminders(await inbox(email));
    expect(mails.length).toBeGreaterThanOrEqual(2);
    for (const mail of mails) expect(mail.attachments).toHaveLength(1);
    expect(new Set(mails.map((m) => m.attachments[0]!.filename))).toEqual(new Set(invoices.map((i) => `${i.number}.pdf`)));
  });
});
