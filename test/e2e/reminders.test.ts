import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { describe, expect, inject, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addDays, weekday } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aConsumerClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { api, ownTenant, inbox, uniqueEmail, type StoredEmail } from './http.js';
import { dueDateAhead, endOfDay, inParis, parisToday, runUntil, schedulesOf } from './local-clock.js';

const acme = ownTenant('reminders');

const sentInvoice = async (client: Record<string, unknown>, dueDate: string) => {
  const c = await acme.post('/clients', client);
  const inv = await acme.post('/invoices', anInvoiceInput(c.json.id, { issueDate: parisToday(), dueDate }));
  const sent = await acme.post(`/invoices/${inv.json.id}/send`);
  expect(sent.status).toBe(200);
  return { clientId: c.json.id as string, id: inv.json.id as string, number: sent.json.number as string };
};

/** Reminder emails only: the invoice's own email reads `Facture F-… – <company>` (or `Invoice … from …`). */
/** Reminder emails only: not the invoice's own email, nor the thank-you once it is paid. */
const reminders = (emails: StoredEmail[]) => emails.filter((e) => !/^(Facture \S+ – |Invoice \S+ from |Merci pour votre règlement|Thank you for your payment)/.test(e.subject));
const pdfText = async (base64: string) =>
  (await extractText(await getDocumentProxy(new Uint8Array(Buffer.from(base64, 'base64'))), { mergePages: true })).text;

describe('the reminder engine on the local stack', () => {
  it('plans 4 steps (and the escalation) at 09:00 Paris on business days, sends J-5 and J+1 with the PDF, then stops at payment', async () => {
    const email = uniqueEmail('plan');
    const due = dueDateAhead(10);
    const invoice = await sentInvoice(aBusinessClientInput({ email }), due);

    const plan = (await acme.get(`/invoices/${invoice.id}/reminders`)).json.items;
    expect(plan.map((s: { stepId: string }) => s.stepId)).toEqual(['j-5', 'j+1', 'j+8', 'j+15', 'escalate']);
    for (const step of plan) {
      expect(step.state).toBe('scheduled');
      const local = inParis(step.scheduledAt);
      expect([local.hour, local.minute]).toEqual([9, 0]);
      expect(['Sat', 'Sun']).not.toContain(local.weekday);
    }
    expect(inParis(plan[0].scheduledAt).date).toBe(addDays(due, -5));
    expect(inParis(plan[1].scheduledAt).date).toBe(addDays(due, 1));

    const schedules = await schedulesOf(invoice.id);
    expect(schedules.map((s) => s.input.stepId).sort()).toEqual(['escalate', 'j+1', 'j+15', 'j+8', 'j-5']);
    expect(schedules.map((s) => s.at).sort()).toEqual(plan.map((s: { scheduledAt: string }) => s.scheduledAt).sort());
    expect(new Set(schedules.map((s) => s.timezone))).toEqual(new Set(['Europe/Paris']));

    const fired = await runUntil(endOfDay(addDays(due, 2)), { tenant: acme.tenant, invoiceId: invoice.id });
    expect(fired.map((f) => [f.input.stepId, 'result' in f && 'outcome' in f.result ? f.result.outcome : 'error'])).toEqual([
      ['j-5', 'sent'],
      ['j+1', 'sent'],
    ]);
    const mails = reminders(await inbox(email));
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.subject).toContain(invoice.number);
      expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
      expect(await pdfText(mail.attachments[0]!.content)).toContain(invoice.number);
    }
    const states = (await acme.get(`/invoices/${invoice.id}/reminders`)).json.items.map((s: { stepId: string; state: string }) => [s.stepId, s.state]);
    expect(states).toEqual([['j-5', 'sent'], ['j+1', 'sent'], ['j+8', 'scheduled'], ['j+15', 'scheduled'], ['escalate', 'scheduled']]);
    const timeline = (await acme.get(`/invoices/${invoice.id}/timeline?limit=100`)).json.items;
    expect(timeline.filter((e: { type: string }) => e.type === 'reminder.sent').map((e: { data: { stepId: string } }) => e.data.stepId)).toEqual(['j-5', 'j+1']);
    expect((await acme.get(`/invoices?reminded=true&clientId=${invoice.clientId}`)).json.items).toHaveLength(1);

    // Paid in full: every pending schedule goes, and two months of clock send nothing more.
    const balance = (await acme.get(`/invoices/${invoice.id}`)).json.balanceCents;
    await acme.post(`/invoices/${invoice.id}/payments`, { amountCents: balance, date: parisToday() });
    expect(await schedulesOf(invoice.id)).toEqual([]);
    const later = await runUntil(endOfDay(addDays(due, 60)), { tenant: acme.tenant, invoiceId: invoice.id });
    expect(later).toEqual([]);
    expect(reminders(await inbox(email))).toHaveLength(2);
    const after = (await acme.get(`/invoices/${invoice.id}/reminders`)).json.items;
    expect(after.slice(2).map((s: { state: string; reason: string }) => [s.state, s.reason])).toEqual([['cancelled', 'paid'], ['cancelled', 'paid'], ['cancelled', 'paid']]);
  });

  it('sends nothing when a stale schedule fires after the payment, and one email when a schedule fires twice', async () => {
    const email = uniqueEmail('stale');
    const due = dueDateAhead(10);
    const invoice = await sentInvoice(aBusinessClientInput({ email }), due);
    const [first] = await schedulesOf(invoice.id);
    expect(first?.input.stepId).toBe('j-5');

    // The Scheduler delivers at least once: the same step's schedule fires, then fires again.
    const scheduler = new SchedulerClient({ endpoint: inject('schedulerEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const copy = (name: string, input: object) =>
      scheduler.send(
        new CreateScheduleCommand({
          Name: name,
          GroupName: first!.group,
          ScheduleExpression: first!.expression,
          ScheduleExpressionTimezone: first!.timezone,
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: { Arn: process.env.SEND_REMINDER_FUNCTION_ARN!, RoleArn: process.env.SCHEDULER_ROLE_ARN!, Input: JSON.stringify(input) },
        }),
      );
    const once = await runUntil(new Date(first!.at), { tenant: acme.tenant, invoiceId: invoice.id });
    expect(once.map((f) => f.result)).toEqual([expect.objectContaining({ outcome: 'sent', stepId: 'j-5' })]);
    // Redelivery of the same schedule (named outside the reconciler's prefix, so it is not tidied away).
    await copy(`dup-${first!.name}`, { ...first!.input, scheduledTime: '<aws.scheduler.scheduled-time>' });
    const again = await runUntil(new Date(first!.at), { tenant: acme.tenant, invoiceId: invoice.id });
    expect(again.map((f) => f.result)).toEqual([{ outcome: 'ignored', reason: 'already_sent', stepId: 'j-5' }]);
    expect(reminders(await inbox(email))).toHaveLength(1);

    // Paid, then a schedule that escaped deletion fires anyway: it finds the invoice paid.
    const [j1] = await schedulesOf(invoice.id);
    const balance = (await acme.get(`/invoices/${invoice.id}`)).json.balanceCents;
    await acme.post(`/invoices/${invoice.id}/payments`, { amountCents: balance, date: parisToday() });
    expect(await schedulesOf(invoice.id)).toEqual([]);
    await copy(`late-${j1!.name}`, { ...j1!.input, scheduledTime: '<aws.scheduler.scheduled-time>' });
    const late = await runUntil(new Date(j1!.at), { tenant: acme.tenant, invoiceId: invoice.id });
    // The payment cancelled the step at once; the stray fire finds it cancelled and sends nothing.
    expect(late.map((f) => f.result)).toEqual([{ outcome: 'ignored', reason: 'already_cancelled', stepId: 'j+1' }]);
    expect(reminders(await inbox(email))).toHaveLength(1);
    const timeline = (await acme.get(`/invoices/${invoice.id}/timeline?limit=100`)).json.items;
    expect(timeline.some((e: { type: string; data?: { reason?: string } }) => e.type === 'reminder.cancelled' && e.data?.reason === 'paid')).toBe(true);
  });

  it('never mentions the €40 or penalties to a consumer; states them to a business at J+1', async () => {
    const consumerEmail = uniqueEmail('conso');
    const businessEmail = uniqueEmail('pro');
    const due = dueDateAhead(10);
    const consumer = await sentInvoice(aConsumerClientInput({ email: consumerEmail }), due);
    const business = await sentInvoice(aBusinessClientInput({ email: businessEmail }), due);
    await runUntil(endOfDay(addDays(due, 20)), { tenant: acme.tenant });

    const consumerMails = reminders(await inbox(consumerEmail));
    expect(consumerMails).toHaveLength(4);
    for (const mail of consumerMails) {
      const texts = [mail.subject, mail.body.text ?? '', ...(await Promise.all(mail.attachments.map((a) => pdfText(a.content))))].join('\n');
      expect(texts).not.toMatch(/40[,.]00\s?€|40\s?€|indemnit[ée] forfaitaire|p[ée]nalit[ée]s? de retard/i);
    }
    expect(consumerMails.at(-1)!.attachments).toHaveLength(2); // the copy and the mise en demeure letter

    const businessMails = reminders(await inbox(businessEmail));
    expect(businessMails).toHaveLength(4);
    const j1 = businessMails.find((m) => m.subject.startsWith('Relance'))!;
    expect(j1.body.text).toMatch(/pénalités de retard au taux annuel de \d+,\d{2}\s%/);
    expect(j1.body.text).toMatch(/indemnité forfaitaire pour frais de recouvrement de 40,00\s€/);
    expect(consumer.number).not.toBe(business.number);
  });

  it('re-plans pending steps when the due date moves; a step on 14 July goes out on the next weekday', async () => {
    const invoice = await sentInvoice(aBusinessClientInput({ email: uniqueEmail('move') }), dueDateAhead(10));
    const before = await schedulesOf(invoice.id);
    expect(before).toHaveLength(5);

    // Due 13 July (the first at least 15 days ahead): J+1 lands on the 14th, a public holiday, and goes on the
    // next weekday (the 15th in 2027, when the 13th is a Tuesday).
    const year = Number(parisToday().slice(0, 4));
    const due = addDays(parisToday(), 15) <= `${year}-07-13` ? `${year}-07-13` : `${year + 1}-07-13`;
    let nextDay = addDays(due, 2);
    while (weekday(nextDay) === 0 || weekday(nextDay) === 6) nextDay = addDays(nextDay, 1);
    const moved = await acme.patch(`/invoices/${invoice.id}`, { dueDate: due });
    expect(moved.status).toBe(200);
    const after = await schedulesOf(invoice.id);
    expect(after).toHaveLength(5);
    expect(after.some((s) => before.some((b) => b.name === s.name))).toBe(false);
    const j1 = after.find((s) => s.input.stepId === 'j+1')!;
    expect(inParis(j1.at)).toMatchObject({ date: nextDay, hour: 9, minute: 0 });
    expect(j1.at).toBe(`${nextDay}T07:00:00.000Z`); // summer time: 09:00 in Paris is 07:00 UTC
    const timeline = (await acme.get(`/invoices/${invoice.id}/timeline?limit=100`)).json.items.map((e: { type: string }) => e.type);
    expect(timeline).toContain('invoice.due_date_changed');
  });

  it('keeps the later steps where they were when a caught-up step is skipped at its time (the address bounces)', async () => {
    const t = await freshTenant('skipgap');
    await t.ok('PUT', '/settings', companySettings);
    const c = await t.ok('POST', '/clients', aBusinessClientInput({ email: 'bounce@simulator.amazonses.com' }));
    const invoice = await t.ok('POST', '/invoices', anInvoiceInput(c.id, { issueDate: addDays(parisToday(), -50), dueDate: addDays(parisToday(), -20) }));
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    // The invoice's own email bounces: the client's only address is flagged.
    for (let i = 0; i < 50 && (await t.ok('GET', `/clients/${c.id}`)).emailStatus !== 'bouncing'; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await t.ok('GET', `/clients/${c.id}`)).emailStatus).toBe('bouncing');
    const at = async () => Object.fromEntries((await schedulesOf(invoice.id)).map((s) => [s.input.stepId, s.at]));
    const before = await at();
    expect(Object.keys(before).sort()).toEqual(['escalate', 'j+1', 'j+15', 'j+8']);
    const fired = await runUntil(new Date(Date.parse(before['j+1']!) + 60_000), { tenant: t.tenantId, invoiceId: invoice.id });
    expect(fired.map((f) => [f.input.stepId, f.result])).toEqual([['j+1', expect.objectContaining({ outcome: 'skipped', reason: 'address_failing' })]]);
    // J+8 does not catch up into J+1's place (the next day, a week of spacing lost): nothing else moves.
    expect(await at()).toEqual({ 'j+8': before['j+8'], 'j+15': before['j+15'], escalate: before.escalate });
  });

  it('never sends one client two reminders within the minimum gap, whatever the invoice', async () => {
    const email = uniqueEmail('gap');
    const due = dueDateAhead(10);
    const c = await acme.post('/clients', aBusinessClientInput({ email }));
    const ids: string[] = [];
    // Different due dates: the steps of the two invoices fall on different days, so they are not grouped.
    for (let i = 0; i < 2; i++) {
      const inv = await acme.post('/invoices', anInvoiceInput(c.json.id, { issueDate: parisToday(), dueDate: addDays(due, i) }));
      await acme.post(`/invoices/${inv.json.id}/send`);
      ids.push(inv.json.id);
    }
    // The J-5 steps are planned a day apart; the first to go out pushes the other back.
    await runUntil(endOfDay(addDays(due, 30)), { tenant: acme.tenant });
    expect(reminders(await inbox(email)).length).toBeGreaterThanOrEqual(3);
    const sent = await Promise.all(
      ids.map(async (id) => (await acme.get(`/invoices/${id}/reminders`)).json.items.filter((s: { state: string }) => s.state === 'sent') as { scheduledAt: string; messageId: string }[]),
    );
    // One time per message (a grouped message covers both invoices' steps of one day).
    const all = [...new Map(sent.flat().map((s) => [s.messageId, s.scheduledAt])).values()].sort();
    expect(all.length).toBe(reminders(await inbox(email)).length);
    for (let i = 1; i < all.length; i++) {
      const gapDays = (Date.parse(all[i]!) - Date.parse(all[i - 1]!)) / 86_400_000;
      expect(gapDays, `${all[i - 1]} → ${all[i]}`).toBeGreaterThanOrEqual(3 - 2 / 24); // 3 local days (a DST change shifts an hour)
    }
  });

  it('pauses and resumes reminders, and sends one manual reminder per day', async () => {
    const email = uniqueEmail('manual');
    const invoice = await sentInvoice(aBusinessClientInput({ email }), dueDateAhead(10));
    await acme.patch(`/invoices/${invoice.id}`, { remindersPaused: true });
    expect(await schedulesOf(invoice.id)).toEqual([]);
    expect((await acme.post(`/invoices/${invoice.id}/reminders`, {})).status).toBe(422);
    await acme.patch(`/invoices/${invoice.id}`, { remindersPaused: false });
    expect(await schedulesOf(invoice.id)).toHaveLength(5); // four steps, then the escalation

    const now = await acme.post(`/invoices/${invoice.id}/reminders`, { templateId: 'reminder' });
    expect(now.status).toBe(201);
    // Not due yet: the courtesy note goes instead of the J+1 text (which says the invoice is overdue).
    expect(now.json).toMatchObject({ state: 'sent', manual: true, templateId: 'courtesy' });
    expect(reminders(await inbox(email))).toHaveLength(1);
    expect((await acme.post(`/invoices/${invoice.id}/reminders`, {})).status).toBe(409);
    expect(reminders(await inbox(email))).toHaveLength(1);
  });

  it('answers 409 for a manual reminder within the client gap, explaining when the next is allowed, and sends it with force', async () => {
    const email = uniqueEmail('gap');
    const first = await sentInvoice(aBusinessClientInput({ email }), dueDateAhead(10));
    const c = first.clientId;
    const other = await acme.post('/invoices', anInvoiceInput(c, { issueDate: parisToday(), dueDate: dueDateAhead(12) }));
    expect((await acme.post(`/invoices/${other.json.id}/send`)).status).toBe(200);

    expect((await acme.post(`/invoices/${first.id}/reminders`, { templateId: 'reminder' })).status).toBe(201);
    const refused = await acme.post(`/invoices/${other.json.id}/reminders`, { templateId: 'reminder' });
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toMatch(/minimum gap of \d+ days the next one is due on \d{4}-\d{2}-\d{2}.*"force": true/);
    expect(reminders(await inbox(email))).toHaveLength(1);

    const forced = await acme.post(`/invoices/${other.json.id}/reminders`, { templateId: 'reminder', force: true });
    expect(forced.status).toBe(201);
    expect(forced.json).toMatchObject({ state: 'sent', manual: true });
    expect(reminders(await inbox(email))).toHaveLength(2);
    // Force never overrides one reminder per invoice per day.
    expect((await acme.post(`/invoices/${other.json.id}/reminders`, { templateId: 'reminder', force: true })).status).toBe(409);
  });

  it('refuses (422) a manual reminder whose template claims penalties when the client is a consumer', async () => {
    const email = uniqueEmail('conso-manual');
    const invoice = await sentInvoice(aConsumerClientInput({ email }), dueDateAhead(10));
    const res = await acme.post(`/invoices/${invoice.id}/reminders`, { templateId: 'formal-notice', force: true });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe('body.templateId');
    expect(reminders(await inbox(email))).toHaveLength(0);
    // The consumer's own formal notice goes out.
    expect((await acme.post(`/invoices/${invoice.id}/reminders`, { templateId: 'formal-notice-consumer', force: true })).status).toBe(201);
  });
});
