/**
 * A reminder sent by hand stands for the planned step(s) it repeats (README "Reminder steps"): the
 * client never gets the same text again a few days later from the step, nor a gentler one after a
 * firmer manual one. The later steps keep their dates. On the local stack, its clock moved on.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { MANUAL_COVER_MS } from '../../shared/domain/reminder-steps.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, inbox, uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

const drain = async () => {
  const body = (await (await fetch(`${inject('apiUrl')}/local/streams/drain`, { method: 'POST' })).json()) as { error?: string };
  if (body.error) throw new Error(`stream not drained: ${body.error}`);
};

let acme: Awaited<ReturnType<typeof aFreshTenant>>;

interface Step { stepId: string; state: string; scheduledAt?: string; sentAt?: string; reason?: string; templateId: string; manual?: boolean }
const stepsOf = async (invoiceId: string) => (await acme.get(`/invoices/${invoiceId}/reminders`)).json.items as Step[];

/** An invoice 20 days late, sent today: its J+1 is caught up at the next send window. */
const aLateInvoice = async () => {
  const email = uniqueEmail('manual');
  const clientId = (await acme.post('/clients', aBusinessClientInput({ email }))).json.id as string;
  const today = parisToday();
  const draft = await acme.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -50), dueDate: addDays(today, -20) }));
  expect(draft.status).toBe(201);
  expect((await acme.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
  return { id: draft.json.id as string, email, clientId };
};

const subjects = async (email: string) => (await inbox(email)).map((m) => m.subject);

describe('a reminder sent by hand and the planned steps', () => {
  beforeAll(async () => {
    acme = await aFreshTenant('manualcover');
    expect((await acme.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
  });

  it('replaces the next planned step it repeats: the client never gets that text twice, the later steps keep their dates', async () => {
    const invoice = await aLateInvoice();
    await drain();
    const before = await stepsOf(invoice.id);
    expect(before.find((s) => s.stepId === 'j+1')).toMatchObject({ state: 'scheduled', templateId: 'reminder' });
    const sent = await acme.post(`/invoices/${invoice.id}/reminders`, {});
    expect(sent.status).toBe(201);
    expect(sent.json.templateId).toBe('reminder');
    await drain();
    const after = await stepsOf(invoice.id);
    expect(after.find((s) => s.stepId === 'j+1')).toMatchObject({ state: 'skipped', reason: 'manual_sent' });
    for (const id of ['j+8', 'j+15', 'escalate']) {
      expect(after.find((s) => s.stepId === id && s.state === 'scheduled')?.scheduledAt, id).toBe(before.find((s) => s.stepId === id)?.scheduledAt);
    }

    await runUntil(endOfDay(addDays(parisToday(), 40)), { tenant: acme.tenant, invoiceId: invoice.id });
    const mails = await subjects(invoice.email);
    // The invoice, the manual reminder, J+8, J+15: "Relance : …" once only.
    expect(mails.filter((s) => /^Relance\u202f:/.test(s))).toHaveLength(1);
    expect(mails.filter((s) => /^Deuxième relance/.test(s))).toHaveLength(1);
    expect(mails.filter((s) => /^Mise en demeure/.test(s))).toHaveLength(1);
    const end = await stepsOf(invoice.id);
    expect(end.filter((s) => !s.manual).map((s) => [s.stepId, s.state, s.reason ?? null])).toEqual([
      ['j-5', 'skipped', 'due_passed'],
      ['j+1', 'skipped', 'manual_sent'],
      ['j+8', 'sent', null],
      ['j+15', 'sent', null],
      ['escalate', 'done', 'litigation'],
    ]);
  });

  it('never follows a mise en demeure sent by hand with a gentler planned step, even one sent before the plan was recorded', async () => {
    const invoice = await aLateInvoice();
    // Straight after the send: the stream may not have recorded the plan yet.
    const sent = await acme.post(`/invoices/${invoice.id}/reminders`, { templateId: 'formal-notice' });
    expect(sent.status).toBe(201);
    await drain();
    const steps = await stepsOf(invoice.id);
    // The gentler J+1 and J+8 are skipped; J+15, two weeks on, still goes out at its date.
    expect(steps.filter((s) => ['j+1', 'j+8', 'j+15'].includes(s.stepId)).map((s) => [s.stepId, s.state, s.reason])).toEqual([
      ['j+1', 'skipped', 'manual_sent'],
      ['j+8', 'skipped', 'manual_sent'],
      ['j+15', 'scheduled', undefined],
    ]);
    expect(steps.find((s) => s.stepId === 'escalate')).toMatchObject({ state: 'scheduled' });

    await runUntil(endOfDay(addDays(parisToday(), 40)), { tenant: acme.tenant, invoiceId: invoice.id });
    const mails = await subjects(invoice.email);
    expect(mails.filter((s) => /^(Relance|Deuxième relance)/.test(s))).toEqual([]);
    expect(mails.filter((s) => /^Mise en demeure/.test(s))).toHaveLength(2);
    expect((await acme.get(`/invoices/${invoice.id}`)).json.status).toBe('litigation');
  });

  it('while a payment plan runs, takes the plan’s next reminder (never a mise en demeure) and stands for it', async () => {
    const invoice = await aLateInvoice();
    await drain();
    const gross = (await acme.get(`/invoices/${invoice.id}`)).json.balanceCents as number;
    const today = parisToday();
    // The first instalment in 6 days: its courtesy reminder (3 days before, moved by a weekend or holiday at most
    // to a send day before the instalment) is within the 8 days a manual reminder stands for, on any day and hour.
    // (In 10 days, run on a Saturday, its courtesy fell on the next Saturday, moved to Monday: 9 days ahead, not covered.)
    const instalments = [{ dueDate: addDays(today, 6), amountCents: gross - Math.floor(gross / 2) }, { dueDate: addDays(today, 40), amountCents: Math.floor(gross / 2) }];
    expect((await acme.post(`/invoices/${invoice.id}/payment-plan`, { instalments })).status).toBe(201);
    await drain();
    const courtesy = (await stepsOf(invoice.id)).find((s) => s.stepId === 'p1-c1')!;
    expect(courtesy.state).toBe('scheduled');
    expect(Date.parse(courtesy.scheduledAt!)).toBeLessThan(Date.now() + MANUAL_COVER_MS);

    const sent = await acme.post(`/invoices/${invoice.id}/reminders`, {});
    expect(sent.status).toBe(201);
    expect(sent.json.templateId).toBe('instalment-courtesy');
    const mail = (await inbox(invoice.email)).at(-1)!;
    expect(mail.subject).toMatch(/échéance 1\/2/);
    expect(mail.subject).not.toMatch(/Mise en demeure/);
    await drain();
    expect((await stepsOf(invoice.id)).find((s) => s.stepId === 'p1-c1')).toMatchObject({ state: 'skipped', reason: 'manual_sent' });
    // The skip leaves the same trace on the timeline as a scenario step's: one `reminder.skipped` naming the step.
    const events = (await acme.get(`/invoices/${invoice.id}/timeline?limit=100`)).json.items as { type: string; data?: { stepId?: string; reason?: string } }[];
    expect(events.filter((e) => e.type === 'reminder.skipped' && e.data?.stepId === 'p1-c1').map((e) => e.data?.reason)).toEqual(['manual_sent']);
  });

  it('while a payment plan runs, a reminder sent from the client (the invoice alone) stands for the plan’s next reminder too', async () => {
    const invoice = await aLateInvoice();
    await drain();
    const gross = (await acme.get(`/invoices/${invoice.id}`)).json.balanceCents as number;
    const today = parisToday();
    const instalments = [{ dueDate: addDays(today, 6), amountCents: gross - Math.floor(gross / 2) }, { dueDate: addDays(today, 36), amountCents: Math.floor(gross / 2) }];
    expect((await acme.post(`/invoices/${invoice.id}/payment-plan`, { instalments })).status).toBe(201);
    await drain();
    expect((await stepsOf(invoice.id)).find((s) => s.stepId === 'p1-c1')?.state).toBe('scheduled');

    const sent = await acme.post(`/clients/${invoice.clientId}/reminders`, { invoiceIds: [invoice.id] });
    expect(sent.status).toBe(201);
    expect(sent.json.items).toEqual([expect.objectContaining({ invoiceId: invoice.id, status: 'sent' })]);
    expect((await inbox(invoice.email)).at(-1)!.subject).toMatch(/échéance 1\/2/);
    await drain();
    expect((await stepsOf(invoice.id)).find((s) => s.stepId === 'p1-c1')).toMatchObject({ state: 'skipped', reason: 'manual_sent' });
    const events = (await acme.get(`/invoices/${invoice.id}/timeline?limit=100`)).json.items as { type: string; data?: { stepId?: string; reason?: string } }[];
    expect(events.filter((e) => e.type === 'reminder.skipped' && e.data?.stepId === 'p1-c1').map((e) => e.data?.reason)).toEqual(['manual_sent']);
  });

  it('sends a client never reminded the first overdue reminder by default, not a mise en demeure "despite our reminders"', async () => {
    // A tenant of its own: dated 60 days ago, the invoice cannot be numbered after the others of this file, dated 50 days ago.
    const acme = await aFreshTenant('manualoptout');
    expect((await acme.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
    // Reminders off for the client: no plan is recorded, the owner reminds by hand.
    const email = uniqueEmail('optout');
    const clientId = (await acme.post('/clients', aBusinessClientInput({ email, remindersEnabled: false }))).json.id as string;
    const today = parisToday();
    const draft = await acme.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -60), dueDate: addDays(today, -30) }));
    expect((await acme.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
    const sent = await acme.post(`/invoices/${draft.json.id}/reminders`, {});
    expect(sent.status).toBe(201);
    expect(sent.json.templateId).toBe('reminder');
    const subjects = (await inbox(email)).map((m) => m.subject);
    expect(subjects.at(-1)).toMatch(/^Relance\u202f:/);
    expect(subjects.filter((s) => /Mise en demeure/.test(s))).toEqual([]);
  });

  it('leaves the plan as it was when the manual reminder is gentler than the next step', async () => {
    const invoice = await aLateInvoice();
    await drain();
    const before = await stepsOf(invoice.id);
    // A gentle word of the owner's own (the built-in courtesy one, worded before the due date, gives way to the first overdue reminder).
    const own = await acme.post('/templates', { name: 'Petit mot', language: 'fr', tone: 'courtesy', subject: 'Un petit mot : {{invoiceNumber}}', body: 'Bonjour {{clientName}}, un petit mot au sujet de la facture {{invoiceNumber}}.' });
    expect(own.status).toBe(201);
    expect((await acme.post(`/invoices/${invoice.id}/reminders`, { templateId: own.json.id })).status).toBe(201);
    await drain();
    const after = await stepsOf(invoice.id);
    expect(after.find((s) => s.stepId === 'j+1')?.state).toBe('scheduled');
    expect(after.filter((s) => s.reason === 'manual_sent')).toEqual([]);
    expect(after.filter((s) => !s.manual).map((s) => s.stepId)).toEqual(before.map((s) => s.stepId));
  });
});
