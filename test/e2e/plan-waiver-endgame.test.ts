/**
 * A payment plan whose owner waived the penalties (issue 13 §1), at the end of the cycle and in the
 * owner's own reminders, on the local stack over HTTP:
 * - written off while the plan ran, nothing was paid on its instalments (the bad-debt credit note is
 *   no payment) and the waiver no longer holds: the plan was not honoured, the debt is lost;
 * - a reminder the owner sends by hand with a template that claims the penalties and the €40 would
 *   contradict the waiver its own attachments print: refused, naming the template.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const pdfText = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text.replace(/\s+/g, ' ');

let t: FreshTenant;
const today = parisToday();

/** An invoice 40 days overdue (1 475,00 €), 475,00 € paid on it once the plan is agreed, penalties waived on the plan. */
const waivedPlan = async () => {
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('waiver') }));
  const invoice = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -70), dueDate: addDays(today, -40) }));
  await t.ok('POST', `/invoices/${invoice.id}/send`);
  await t.ok('POST', `/invoices/${invoice.id}/payment-plan`, {
    waivePenalties: true,
    instalments: [
      { dueDate: addDays(today, 5), amountCents: 47_500 },
      { dueDate: addDays(today, 35), amountCents: 100_000 },
    ],
  });
  await t.drain();
  return { id: invoice.id as string, clientId: client.id as string };
};

beforeAll(async () => {
  t = await freshTenant('waiver');
  await t.ok('PUT', '/settings', companySettings);
});

describe('a payment plan that waived the penalties', () => {
  it('written off while it ran: its instalments show only what was paid, and the proof file claims the penalties and the €40 again', async () => {
    const { id } = await waivedPlan();
    await t.ok('POST', `/invoices/${id}/payments`, { amountCents: 20_000, date: today, method: 'transfer' });
    await t.ok('POST', `/invoices/${id}/litigation`, { reason: 'liquidation judiciaire' });
    await t.ok('POST', `/invoices/${id}/write-off`, { reason: 'liquidation judiciaire' });
    await t.drain();

    const plan = await t.ok('GET', `/invoices/${id}/payment-plan`);
    expect(plan).toMatchObject({ status: 'ended', endReason: 'written_off' });
    // 200,00 € paid, on the first instalment; the 1 275,00 € the credit note wrote off paid nothing.
    expect(plan.instalments.map((i: { paidCents: number; dueCents: number; status: string }) => [i.paidCents, i.dueCents, i.status])).toEqual([
      [20_000, 27_500, expect.not.stringMatching(/^paid$/)],
      [0, 100_000, expect.not.stringMatching(/^paid$/)],
    ]);

    const proof = await pdfText((await t.call('GET', `/invoices/${id}/proof.pdf`)).bytes!);
    expect(proof).not.toMatch(/abandonnées par l’échéancier/);
    expect(proof).toMatch(/Indemnité forfaitaire de recouvrement \(D441-5\) 40,00 €/);
  });

  it('refuses a reminder by hand whose template claims the penalties or the €40 it waived, on every route, and sends nothing', async () => {
    const { id, clientId } = await waivedPlan();
    const email = (await t.ok('GET', `/clients/${clientId}`)).email as string;
    const before = (await inbox(email)).length;
    for (const templateId of ['formal-notice', 'firm', 'reminder']) {
      const single = await t.call('POST', `/invoices/${id}/reminders`, { templateId });
      expect(single.status, templateId).toBe(422);
      expect(single.type).toContain('application/problem+json');
      expect(single.json.errors).toEqual([{ path: 'body.templateId', message: expect.stringMatching(/payment plan waives/) }]);
      const grouped = await t.call('POST', `/clients/${clientId}/reminders`, { invoiceIds: [id], templateId });
      expect(grouped.status, templateId).toBe(422);
      expect(grouped.json.errors).toEqual([{ path: 'body.templateId', message: expect.stringMatching(/payment plan waives/) }]);
    }
    // Nor the owner's own words filling them in.
    const own = await t.call('POST', `/clients/${clientId}/reminders`, { invoiceIds: [id], subject: 'Facture {{invoiceNumber}}', body: 'Pénalités : {{penaltiesAmount}}' });
    expect(own.status).toBe(422);
    expect(own.json.errors).toEqual([{ path: 'body.body', message: expect.stringMatching(/payment plan waives/) }]);
    const batch = await t.ok('POST', '/reminders/batch', { invoiceIds: [id], templateId: 'firm' });
    expect(batch.items).toEqual([{ invoiceId: id, status: 'skipped', reason: 'penalties_waived' }]);
    expect((await inbox(email)).length).toBe(before);
    // The plan's own reminder still goes, and says no fee.
    const sent = await t.call('POST', `/invoices/${id}/reminders`, {});
    expect(sent.status).toBe(201);
    expect(sent.json.templateId).toBe('instalment-courtesy');
  });
});

describe('a payment plan whose invoice is cancelled', () => {
  it('shows only what was paid on its instalments: the cancelling credit note paid none of them', async () => {
    const { id } = await waivedPlan();
    await t.ok('POST', `/invoices/${id}/payments`, { amountCents: 20_000, date: today, method: 'transfer' });
    await t.ok('POST', `/invoices/${id}/cancel`, { reason: 'erreur de facturation' });
    await t.drain();
    const plan = await t.ok('GET', `/invoices/${id}/payment-plan`);
    expect(plan).toMatchObject({ status: 'ended', endReason: 'cancelled', balanceCents: 0 });
    expect(plan.instalments.map((i: { paidCents: number; dueCents: number }) => [i.paidCents, i.dueCents])).toEqual([
      [20_000, 27_500],
      [0, 100_000],
    ]);
  });
});
