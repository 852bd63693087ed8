/**
 * Payment plans (échéanciers) on the local stack over HTTP: a plan of three instalments replaces
 * the invoice's reminder steps, a courtesy reminder goes before an instalment, a missed one is
 * reminded, paying everything ends it all; a plan missed for good ends and the invoice's own
 * escalation resumes where it stood. The simulated clock (local-clock.ts) runs the schedules.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail, type StoredEmail } from './http.js';
import { endOfDay, parisToday, runUntil, schedulesOf } from './local-clock.js';

interface Step {
  stepId: string;
  templateId: string;
  state: string;
  plan: number;
  reason?: string;
  planStep?: string;
  instalment?: number;
}

/** The public portal as the client's browser calls it: the link's token, no tenant. */
const portal = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${inject('apiUrl')}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json()) as any) : undefined };
};
/** The portal token in the invoice's own email. */
const tokenIn = async (email: string): Promise<string> => {
  const text = (await inbox(email)).find((m) => /^Facture \S+ – /.test(m.subject))?.body.text ?? '';
  const token = /\/p\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  if (!token) throw new Error(`no portal link in the invoice email to ${email}`);
  return token;
};

let t: FreshTenant;
const today = parisToday();

/** An invoice 10 days overdue (1 475,00 €), sent to a client of its own. */
const overdueInvoice = async () => {
  const email = uniqueEmail('plan');
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
  const invoice = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
  const sent = await t.ok('POST', `/invoices/${invoice.id}/send`);
  // The invoice's own plan is recorded (plan 1) before anyone agrees a payment plan on it.
  await t.drain();
  return { id: invoice.id as string, number: sent.number as string, email, balance: sent.balanceCents as number };
};

const steps = async (id: string): Promise<Step[]> => (await t.ok('GET', `/invoices/${id}/reminders`)).items;
const planMails = (emails: StoredEmail[]) => emails.filter((e) => /échéance \d\/\d/.test(e.subject));
const events = async (id: string) => (await t.ok('GET', `/invoices/${id}/timeline?limit=100`)).items as { type: string; data?: Record<string, unknown> }[];

describe('payment plans on the local stack', () => {
  beforeAll(async () => {
    t = await freshTenant('plans');
    await t.ok('PUT', '/settings', companySettings);
  });

  it('refuses instalments that do not add up to the balance, naming the difference', async () => {
    const invoice = await overdueInvoice();
    const res = await t.call('POST', `/invoices/${invoice.id}/payment-plan`, {
      instalments: [
        { dueDate: addDays(today, 5), amountCents: 50_000 },
        { dueDate: addDays(today, 3), amountCents: 50_000 },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.type).toContain('application/problem+json');
    expect(res.json.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.instalments', message: expect.stringContaining(`${invoice.balance - 100_000} cents missing`) },
        { path: 'body.instalments.1.dueDate', message: expect.stringContaining('must be after instalment 1') },
      ]),
    );
    // Nothing half-written: no plan, the scenario's steps untouched.
    expect((await t.call('GET', `/invoices/${invoice.id}/payment-plan`)).status).toBe(404);
    expect((await steps(invoice.id)).some((s) => s.reason === 'payment_plan')).toBe(false);
  });

  it('refuses 30 instalments naming the field and the maximum (24), as the web dialog does, rather than keeping 24 of them', async () => {
    const invoice = await overdueInvoice();
    const thirty = Array.from({ length: 30 }, (_, i) => ({ dueDate: addDays(today, 7 + i * 30), amountCents: i === 0 ? invoice.balance - 29 * 100 : 100 }));
    const res = await t.call('POST', `/invoices/${invoice.id}/payment-plan`, { instalments: thirty });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.json.errors).toContainEqual({ path: 'body.instalments', message: 'at most 24 instalments' });
    expect((await t.call('GET', `/invoices/${invoice.id}/payment-plan`)).status).toBe(404);
  });

  it('replaces the invoice’s steps with three instalments’ reminders, reminds a missed one, and ends when all is paid', async () => {
    const invoice = await overdueInvoice();
    const third = Math.floor(invoice.balance / 3);
    const amounts = [third, third, invoice.balance - 2 * third];
    const dates = [addDays(today, 5), addDays(today, 20), addDays(today, 35)];
    const created = await t.call('POST', `/invoices/${invoice.id}/payment-plan`, {
      instalments: dates.map((dueDate, i) => ({ dueDate, amountCents: amounts[i] })),
      note: 'Accord téléphonique du jour',
      waivePenalties: true,
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ seq: 1, status: 'active', waivePenalties: true, totalCents: invoice.balance });
    expect(created.json.instalments.map((i: { status: string; dueCents: number }) => [i.status, i.dueCents])).toEqual(amounts.map((a) => ['pending', a]));
    await t.drain();

    // The scenario's pending steps are cancelled; the plan's six steps are recorded in their place.
    const recorded = await steps(invoice.id);
    const scenario = recorded.filter((s) => s.plan < 1000);
    expect(scenario.filter((s) => s.state === 'scheduled')).toEqual([]);
    expect(scenario.filter((s) => s.state === 'cancelled').map((s) => s.reason)).toEqual(scenario.filter((s) => s.state === 'cancelled').map(() => 'payment_plan'));
    const planSteps = recorded.filter((s) => s.plan >= 1000);
    expect(planSteps.map((s) => [s.templateId, s.instalment, s.state])).toEqual([
      ['instalment-courtesy', 0, 'scheduled'],
      ['instalment-late', 0, 'scheduled'],
      ['instalment-courtesy', 1, 'scheduled'],
      ['instalment-late', 1, 'scheduled'],
      ['instalment-courtesy', 2, 'scheduled'],
      ['instalment-late', 2, 'scheduled'],
    ]);
    const schedules = await schedulesOf(invoice.id);
    expect(schedules.filter((s) => s.input.stepId === 'plan-check')).toHaveLength(1);
    expect(schedules.filter((s) => s.input.stepId !== 'plan-check')).toHaveLength(6);

    // The courtesy reminder goes before the first instalment, with the plan on its PDF.
    await runUntil(endOfDay(addDays(dates[0]!, -1)), { tenant: t.tenantId, invoiceId: invoice.id });
    const [courtesy] = planMails(await inbox(invoice.email));
    expect(courtesy?.subject).toBe(`Facture ${invoice.number}\u202f: échéance 1/3 le ${dates[0]!.split('-').reverse().join('/')}`);
    const pdf = (await extractText(await getDocumentProxy(new Uint8Array(Buffer.from(courtesy!.attachments[0]!.content, 'base64'))), { mergePages: true })).text;
    expect(pdf).toContain("Rappel de l'échéancier");
    expect(pdf).toContain('nous renonçons aux pénalités');
    // Like every reminder, it links the invoice's portal page (the same link as the invoice email).
    expect(courtesy!.body.text).toContain(`/p/${await tokenIn(invoice.email)}`);

    // Instalment 1 is paid; instalment 2 is missed: its late reminder goes, the first one's is skipped.
    await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: amounts[0], date: today });
    await runUntil(endOfDay(addDays(dates[1]!, 5)), { tenant: t.tenantId, invoiceId: invoice.id });
    const mails = planMails(await inbox(invoice.email));
    expect(mails.map((m) => m.subject.replace(/ le .*/, ''))).toEqual([
      `Facture ${invoice.number}\u202f: échéance 1/3`,
      `Facture ${invoice.number}\u202f: échéance 2/3`,
      `Facture ${invoice.number}\u202f: échéance 2/3 non reçue`,
    ]);
    expect(mails[2]!.body.text).toContain('(réglée)');
    expect(mails[2]!.body.text).toContain('(en retard)');
    const after = (await steps(invoice.id)).filter((s) => s.plan >= 1000).map((s) => [s.stepId, s.state, s.reason ?? '']);
    expect(after.slice(0, 4)).toEqual([
      ['p1-c1', 'sent', ''],
      ['p1-l1', 'skipped', 'instalment_paid'],
      ['p1-c2', 'sent', ''],
      ['p1-l2', 'sent', ''],
    ]);
    const plan = await t.ok('GET', `/invoices/${invoice.id}/payment-plan`);
    expect(plan.instalments.map((i: { status: string; paidCents: number }) => [i.status, i.paidCents])).toEqual([
      ['paid', amounts[0]],
      ['pending', 0],
      ['pending', 0],
    ]);

    // Paying the rest ends everything: the invoice is paid, the plan ended `paid`, nothing more goes out.
    const paid = await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: amounts[1]! + amounts[2]!, date: today });
    expect(paid.invoice.status).toBe('paid');
    await t.drain();
    expect(await schedulesOf(invoice.id)).toEqual([]);
    expect(await runUntil(endOfDay(addDays(dates[2]!, 40)), { tenant: t.tenantId, invoiceId: invoice.id })).toEqual([]);
    expect(planMails(await inbox(invoice.email))).toHaveLength(3);
    expect((await t.ok('GET', `/invoices/${invoice.id}/payment-plan`)).status).toBe('ended');
    const timeline = await events(invoice.id);
    expect(timeline.filter((e) => e.type.startsWith('plan.')).map((e) => [e.type, e.data?.reason])).toEqual([
      ['plan.created', undefined],
      ['plan.ended', 'paid'],
    ]);
    expect(timeline.find((e) => e.type === 'plan.created')?.data).toMatchObject({ waivePenalties: true, note: 'Accord téléphonique du jour' });
    const pending = (await steps(invoice.id)).filter((s) => s.state === 'scheduled');
    expect(pending).toEqual([]);
  });

  it('waives nothing once the payment that paid the plan is removed (a cheque that bounced): the proof file and a mise en demeure claim the penalties and the €40 again', async () => {
    const invoice = await overdueInvoice();
    await t.ok('POST', `/invoices/${invoice.id}/payment-plan`, { instalments: [{ dueDate: addDays(today, 10), amountCents: invoice.balance }], waivePenalties: true });
    await t.drain();
    const cheque = await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: invoice.balance, date: today, method: 'cheque' });
    await t.drain();
    expect(await t.ok('GET', `/invoices/${invoice.id}/payment-plan`)).toMatchObject({ status: 'ended', endReason: 'paid' });
    const proofText = async () => {
      const res = await t.call('GET', `/invoices/${invoice.id}/proof.pdf`);
      expect(res.status).toBe(200);
      return (await extractText(await getDocumentProxy(res.bytes!), { mergePages: true })).text;
    };
    // Paid under the plan: the penalties and the €40 are shown as given up.
    expect(await proofText()).toContain('abandonnées par l’échéancier');

    // The cheque bounced: the invoice is owed again and the plan was not honoured after all.
    await t.ok('DELETE', `/invoices/${invoice.id}/payments/${cheque.id}`);
    await t.drain();
    const proof = await proofText();
    expect(proof).not.toContain('abandonnées par l’échéancier');
    expect(proof).toContain('Indemnité forfaitaire de recouvrement');
    // A mise en demeure sent now claims them: its letter lists the penalties and the €40.
    await t.ok('POST', `/invoices/${invoice.id}/reminders`, { templateId: 'formal-notice', force: true });
    const notice = (await inbox(invoice.email)).find((m) => /^Mise en demeure/.test(m.subject));
    const letter = notice?.attachments.find((a) => a.filename.startsWith('mise-en-demeure'));
    expect(letter).toBeDefined();
    const text = (await extractText(await getDocumentProxy(new Uint8Array(Buffer.from(letter!.content, 'base64'))), { mergePages: true })).text.replace(/[\s\u00a0\u202f]+/g, ' ');
    expect(text).toContain('Indemnité forfaitaire pour frais de recouvrement (40,00 € × 1');
    expect(text).not.toContain('renonçons');
  });

  it('ends the plan on DELETE (kept, `plan.ended` deleted) and the invoice’s own reminders resume', async () => {
    const invoice = await overdueInvoice();
    await t.ok('POST', `/invoices/${invoice.id}/payment-plan`, { instalments: [{ dueDate: addDays(today, 7), amountCents: invoice.balance }] });
    await t.drain();
    const held = await steps(invoice.id);
    expect(held.filter((s) => s.state === 'scheduled').every((s) => s.plan >= 1000)).toBe(true);
    const planOne = held.filter((s) => s.plan === 1).map((s) => [s.stepId, s.state, s.reason]);
    expect(planOne.map(([, state]) => state)).toContain('cancelled');
    const ended = await t.call('DELETE', `/invoices/${invoice.id}/payment-plan`);
    expect(ended.status).toBe(200);
    expect(ended.json).toMatchObject({ status: 'ended', endReason: 'deleted' });
    expect((await t.call('DELETE', `/invoices/${invoice.id}/payment-plan`)).status).toBe(404);
    await t.drain();
    // The reconciler re-plans from the stream: the invoice's own escalation is recorded again (plan 2).
    const after = await steps(invoice.id);
    expect(after.filter((s) => s.plan === 2 && s.state === 'scheduled').map((s) => s.stepId)).toEqual(['j+1', 'j+8', 'j+15', 'escalate']);
    // Terminal states never change: plan 1's steps stay cancelled by the payment plan.
    expect(after.filter((s) => s.plan === 1).map((s) => [s.stepId, s.state, s.reason])).toEqual(planOne);
    expect(after.filter((s) => s.plan >= 1000 && s.state === 'scheduled')).toEqual([]);
    expect((await t.ok('GET', `/invoices/${invoice.id}/payment-plan`)).instalments).toHaveLength(1);
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).paymentPlan).toMatchObject({ status: 'ended', endReason: 'deleted' });
    expect((await events(invoice.id)).find((e) => e.type === 'plan.ended')?.data).toMatchObject({ reason: 'deleted' });
  });

  it('takes a plan through litigation and back: its reminders stop, then start again for the instalments still due', async () => {
    const invoice = await overdueInvoice();
    const half = Math.floor(invoice.balance / 2);
    await t.ok('POST', `/invoices/${invoice.id}/payment-plan`, {
      instalments: [
        { dueDate: addDays(today, 10), amountCents: half },
        { dueDate: addDays(today, 30), amountCents: invoice.balance - half },
      ],
    });
    await t.drain();
    expect((await t.call('POST', `/invoices/${invoice.id}/litigation`, { reason: 'Avocat saisi' })).status).toBe(200);
    await t.drain();
    const held = (await steps(invoice.id)).filter((s) => s.plan >= 1000);
    expect(held.map((s) => [s.stepId, s.state, s.reason])).toEqual([
      ['p1-c1', 'cancelled', 'litigation'],
      ['p1-l1', 'cancelled', 'litigation'],
      ['p1-c2', 'cancelled', 'litigation'],
      ['p1-l2', 'cancelled', 'litigation'],
    ]);

    const back = await t.call('DELETE', `/invoices/${invoice.id}/litigation`);
    expect(back.status).toBe(200);
    await t.drain();
    // The plan still runs: a new round of its steps is recorded (the scenario's stay given way to it).
    expect((await t.ok('GET', `/invoices/${invoice.id}/payment-plan`)).status).toBe('active');
    const after = await steps(invoice.id);
    expect(after.filter((s) => s.plan >= 1000 && s.state === 'scheduled').map((s) => [s.plan, s.stepId])).toEqual([
      [1001, 'p1-c1'],
      [1001, 'p1-l1'],
      [1001, 'p1-c2'],
      [1001, 'p1-l2'],
    ]);
    expect(after.filter((s) => s.plan < 1000 && s.state === 'scheduled')).toEqual([]);
    expect((await schedulesOf(invoice.id)).filter((s) => s.input.stepId !== 'plan-check')).toHaveLength(4);
    // And the courtesy reminder of the first instalment goes out.
    await runUntil(endOfDay(addDays(today, 9)), { tenant: t.tenantId, invoiceId: invoice.id });
    expect(planMails(await inbox(invoice.email)).map((m) => m.subject)).toEqual([`Facture ${invoice.number}\u202f: échéance 1/2 le ${addDays(today, 10).split('-').reverse().join('/')}`]);
  });

  it('ends a running plan as written off (not paid) when the invoice is written off', async () => {
    const invoice = await overdueInvoice();
    await t.ok('POST', `/invoices/${invoice.id}/payment-plan`, { instalments: [{ dueDate: addDays(today, 10), amountCents: invoice.balance }] });
    await t.drain();
    await t.ok('POST', `/invoices/${invoice.id}/litigation`, {});
    expect((await t.call('POST', `/invoices/${invoice.id}/write-off`, { reason: 'Liquidation judiciaire' })).status).toBe(201);
    await t.drain();
    expect(await t.ok('GET', `/invoices/${invoice.id}/payment-plan`)).toMatchObject({ status: 'ended', endReason: 'written_off' });
    expect((await events(invoice.id)).filter((e) => e.type === 'plan.ended').map((e) => e.data?.reason)).toEqual(['written_off']);
    expect((await steps(invoice.id)).filter((s) => s.state === 'scheduled')).toEqual([]);
  });

  it('ends a plan missed for good and resumes the invoice’s own escalation where it stood', async () => {
    const invoice = await overdueInvoice();
    // J+1 goes out first (caught up), so the escalation has already started.
    await t.drain();
    await runUntil(endOfDay(addDays(today, 4)), { tenant: t.tenantId, invoiceId: invoice.id });
    expect((await steps(invoice.id)).filter((s) => s.state === 'sent').map((s) => s.stepId)).toEqual(['j+1']);

    const half = Math.floor(invoice.balance / 2);
    await t.ok('POST', `/invoices/${invoice.id}/payment-plan`, {
      instalments: [
        { dueDate: addDays(today, 10), amountCents: half },
        { dueDate: addDays(today, 40), amountCents: invoice.balance - half },
      ],
    });
    await t.drain();
    // Nothing paid: 15 days after the first instalment, the plan check ends the plan.
    const fired = await runUntil(endOfDay(addDays(today, 10 + 16)), { tenant: t.tenantId, invoiceId: invoice.id });
    expect(fired.find((f) => f.input.stepId === 'plan-check')?.result).toMatchObject({ outcome: 'plan_ended', reason: 'missed' });
    await t.drain();
    const plan = await t.ok('GET', `/invoices/${invoice.id}/payment-plan`);
    expect(plan).toMatchObject({ status: 'ended', endReason: 'missed' });
    const timeline = await events(invoice.id);
    expect(timeline.find((e) => e.type === 'instalment.missed')?.data).toMatchObject({ dueDate: addDays(today, 10), instalment: 0 });
    expect(timeline.find((e) => e.type === 'plan.ended')?.data).toMatchObject({ reason: 'missed' });
    // The owner is told: the plan he agreed is over and the reminders take over again.
    const told = ((await t.ok('GET', '/notifications')).items as { kind: string; invoiceId: string; detail?: Record<string, unknown> }[]).filter((n) => n.invoiceId === invoice.id && n.kind === 'plan_missed');
    expect(told).toHaveLength(1);
    expect(told[0]!.detail).toMatchObject({ date: addDays(today, 10) });

    // A new scenario plan holds only what comes after J+1: J+8 then J+15 (and the escalation), never J+1 again.
    const resumed = (await steps(invoice.id)).filter((s) => s.plan > 1 && s.plan < 1000);
    expect(resumed.map((s) => s.stepId)).toEqual(['j+8', 'j+15', 'escalate']);
    expect((await steps(invoice.id)).filter((s) => s.plan >= 1000 && s.state === 'scheduled')).toEqual([]);
    expect((await steps(invoice.id)).filter((s) => s.plan >= 1000 && s.state === 'cancelled').map((s) => s.reason)).toContain('plan_ended');
    await runUntil(endOfDay(addDays(today, 80)), { tenant: t.tenantId, invoiceId: invoice.id });
    const sent = (await steps(invoice.id)).filter((s) => s.plan < 1000 && s.state === 'sent').map((s) => s.stepId);
    expect(sent).toEqual(['j+1', 'j+8', 'j+15']);
    // Still unpaid 15 days after J+15: litigation.
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).status).toBe('litigation');
  });

  it('takes a plan the client asks for on the portal: accepted, it becomes the plan and the client is told; declined, the client is told why', async () => {
    const invoice = await overdueInvoice();
    const token = await tokenIn(invoice.email);
    const half = Math.floor(invoice.balance / 2);
    const instalments = [
      { dueDate: addDays(today, 6), amountCents: half },
      { dueDate: addDays(today, 36), amountCents: invoice.balance - half },
    ];
    const wrong = await portal('POST', `/portal/${token}/plan-request`, { instalments: instalments.slice(0, 1) });
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors[0]).toMatchObject({ path: 'body.instalments', message: expect.stringContaining('cents missing') });
    expect((await portal('POST', `/portal/not-a-real-token-at-all-xxxxxxxxxxxxxxxxxx/plan-request`, { instalments })).status).toBe(404);

    const asked = await portal('POST', `/portal/${token}/plan-request`, { instalments });
    expect(asked.status).toBe(200);
    expect(asked.json).toMatchObject({ status: 'pending', instalments });
    expect((await events(invoice.id)).find((e) => e.type === 'plan.requested')?.data).toMatchObject({ instalments });
    expect((await portal('GET', `/portal/${token}`)).json).toMatchObject({ planRequest: { status: 'pending' }, actions: { planRequest: true } });

    const accepted = await t.call('POST', `/invoices/${invoice.id}/payment-plan/request/accept`, {});
    expect(accepted.status).toBe(200);
    // A second plan on the invoice: the path parameter is named as the error convention says.
    expect((await t.call('POST', `/invoices/${invoice.id}/payment-plan`, { instalments })).json.errors).toEqual([{ path: 'path.id', message: 'already has a running payment plan' }]);
    const runningAsked = (await portal('POST', `/portal/${token}/plan-request`, { instalments })).json;
    expect(runningAsked.errors).toEqual([{ path: 'path.token', message: 'already has a running payment plan' }]);
    // The client is told the plan exists, not shown the owner's API.
    expect(runningAsked.detail).toBe('A payment plan is already agreed for this invoice');
    expect(accepted.json).toMatchObject({ request: { status: 'accepted' }, plan: { status: 'active', source: 'client', totalCents: invoice.balance }, clientNotified: true });
    const told = (await inbox(invoice.email)).find((m) => m.subject === `Facture ${invoice.number}\u202f: votre échéancier est accepté`);
    expect(told?.body.text).toContain(`1. ${addDays(today, 6).split('-').reverse().join('/')}`);
    await t.drain();
    // It works as the owner's plan: the invoice's steps give way to the plan's.
    const recorded = await steps(invoice.id);
    expect(recorded.filter((s) => s.plan < 1000 && s.state === 'scheduled')).toEqual([]);
    expect(recorded.filter((s) => s.plan >= 1000).map((s) => s.templateId)).toEqual(['instalment-courtesy', 'instalment-late', 'instalment-courtesy', 'instalment-late']);
    const view = (await portal('GET', `/portal/${token}`)).json;
    expect(view.paymentPlan.instalments.map((i: { status: string; dueCents: number }) => [i.status, i.dueCents])).toEqual([['pending', half], ['pending', invoice.balance - half]]);
    expect(view.actions.planRequest).toBe(false);
    // Answered already: a 409 problem naming the state, like other repeated state changes (not a 404).
    const again = await t.call('POST', `/invoices/${invoice.id}/payment-plan/request/accept`, {});
    expect([again.status, again.type, again.json.detail]).toEqual([409, expect.stringContaining('application/problem+json'), "The client's payment plan request was already accepted"]);

    const other = await overdueInvoice();
    const otherToken = await tokenIn(other.email);
    expect((await portal('POST', `/portal/${otherToken}/plan-request`, { instalments: [{ dueDate: addDays(today, 200), amountCents: other.balance }] })).status).toBe(200);
    const declined = await t.call('POST', `/invoices/${other.id}/payment-plan/request/decline`, { reason: 'Six mois, c’est trop long' });
    expect(declined.json).toMatchObject({ request: { status: 'declined', declineReason: 'Six mois, c’est trop long' }, clientNotified: true });
    expect((await inbox(other.email)).find((m) => m.subject === `Facture ${other.number}\u202f: votre demande d’échéancier`)?.body.text).toContain('Six mois, c’est trop long');
    expect((await t.call('GET', `/invoices/${other.id}/payment-plan`)).status).toBe(404);
    expect((await events(other.id)).map((e) => e.type)).toEqual(expect.arrayContaining(['plan.requested', 'plan.declined', 'plan.client_notified']));
  });

  it('answers a plan request on an invoice in litigation as the portal’s other actions do: a 409 in the client’s words, no raw status', async () => {
    const invoice = await overdueInvoice();
    const token = await tokenIn(invoice.email);
    expect((await t.call('POST', `/invoices/${invoice.id}/litigation`, { reason: 'ne répond plus' })).status).toBe(200);
    const asked = await portal('POST', `/portal/${token}/plan-request`, { instalments: [{ dueDate: addDays(today, 12), amountCents: invoice.balance }] });
    expect([asked.status, asked.json.detail]).toEqual([409, 'This invoice is now handled by the litigation procedure: please contact the company']);
    expect((await portal('POST', `/portal/${token}/dispute`, { reason: 'Travaux non terminés' })).json.detail).toBe(asked.json.detail);
    expect((await events(invoice.id)).map((e) => e.type)).not.toContain('plan.requested');
  });

  it('asks the owner to answer a pending client request before agreeing another plan, so the request never stays pending', async () => {
    const invoice = await overdueInvoice();
    const token = await tokenIn(invoice.email);
    const instalments = [{ dueDate: addDays(today, 12), amountCents: invoice.balance }];
    expect((await portal('POST', `/portal/${token}/plan-request`, { instalments })).status).toBe(200);
    const own = await t.call('POST', `/invoices/${invoice.id}/payment-plan`, { instalments: [{ dueDate: addDays(today, 5), amountCents: invoice.balance }] });
    expect(own.status).toBe(422);
    expect(own.type).toContain('application/problem+json');
    expect(own.json.detail).toMatch(/request\/accept|request\/decline/);
    expect(own.json.errors).toEqual([{ path: 'path.id', message: expect.stringContaining('waiting for an answer') }]);
    // Nothing written: no plan, the request still waits for an answer.
    expect((await t.call('GET', `/invoices/${invoice.id}/payment-plan`)).status).toBe(404);
    expect((await portal('GET', `/portal/${token}`)).json.planRequest).toMatchObject({ status: 'pending' });
    // Declined (the client is told), the owner's own plan goes through.
    expect((await t.call('POST', `/invoices/${invoice.id}/payment-plan/request/decline`, { reason: 'Un seul versement' })).status).toBe(200);
    expect((await t.call('POST', `/invoices/${invoice.id}/payment-plan`, { instalments: [{ dueDate: addDays(today, 5), amountCents: invoice.balance }] })).status).toBe(201);
  });

  it('leaves nothing to answer once the client who asked for a plan pays in full: no pending request on the portal, accept and decline refused, no "we cannot accept" email', async () => {
    const invoice = await overdueInvoice();
    const token = await tokenIn(invoice.email);
    const half = Math.floor(invoice.balance / 2);
    const instalments = [{ dueDate: addDays(today, 10), amountCents: half }, { dueDate: addDays(today, 40), amountCents: invoice.balance - half }];
    expect((await portal('POST', `/portal/${token}/plan-request`, { instalments })).status).toBe(200);
    await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: invoice.balance, date: today });
    await t.drain();
    // The client paid instead: the portal no longer says the request awaits the seller's answer.
    const page = (await portal('GET', `/portal/${token}`)).json;
    expect(page.invoice.status).toBe('paid');
    expect(page.planRequest).toBeUndefined();
    // The owner has nothing to decide: both answers are refused and the client gets no email about a plan.
    for (const answer of ['accept', 'decline']) {
      const res = await t.call('POST', `/invoices/${invoice.id}/payment-plan/request/${answer}`, {});
      expect(res.status).toBe(422);
      expect(res.type).toContain('application/problem+json');
      expect(res.json.errors).toEqual([{ path: 'path.id', message: 'the invoice is paid' }]);
    }
    expect((await inbox(invoice.email)).filter((m) => /demande d’échéancier|échéancier est accepté/.test(m.subject))).toEqual([]);
  });

  it('keeps a payment the running plan was agreed on: removing it is refused until the plan ends (the plan would no longer cover the balance)', async () => {
    const invoice = await overdueInvoice();
    const before = await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: 47_500, date: today, method: 'cheque' });
    const [cheque] = (await t.ok('GET', `/invoices/${invoice.id}/payments`)).items;
    await t.ok('POST', `/invoices/${invoice.id}/payment-plan`, { instalments: [{ dueDate: addDays(today, 10), amountCents: before.invoice.balanceCents }] });
    const refused = await t.call('DELETE', `/invoices/${invoice.id}/payments/${cheque.id}`);
    expect(refused.status).toBe(422);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.json.detail).toMatch(/DELETE \/invoices\/\{id\}\/payment-plan/);
    expect(refused.json.errors).toEqual([{ path: 'path.paymentId', message: expect.any(String) }]);
    expect(await t.ok('GET', `/invoices/${invoice.id}`)).toMatchObject({ paidCents: 47_500, balanceCents: before.invoice.balanceCents });
    // A payment made while the plan runs can be removed: the plan still covers the balance.
    const during = await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: 10_000, date: today, method: 'transfer' });
    const later = (await t.ok('GET', `/invoices/${invoice.id}/payments`)).items.find((p: { amountCents: number }) => p.amountCents === 10_000);
    expect(during.invoice.balanceCents).toBe(before.invoice.balanceCents - 10_000);
    expect((await t.call('DELETE', `/invoices/${invoice.id}/payments/${later.id}`)).status).toBe(200);
    // Once the plan ends, the cheque that bounced can be removed.
    await t.ok('DELETE', `/invoices/${invoice.id}/payment-plan`);
    expect((await t.call('DELETE', `/invoices/${invoice.id}/payments/${cheque.id}`)).status).toBe(200);
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).balanceCents).toBe(invoice.balance);
  });

  it('declines a request without a reason: the client is told and the engine keeps running (the event’s empty data does not stop the stream)', async () => {
    const invoice = await overdueInvoice();
    const token = await tokenIn(invoice.email);
    expect((await portal('POST', `/portal/${token}/plan-request`, { instalments: [{ dueDate: addDays(today, 9), amountCents: invoice.balance }] })).status).toBe(200);
    const declined = await t.call('POST', `/invoices/${invoice.id}/payment-plan/request/decline`, {});
    expect(declined.status).toBe(200);
    expect(declined.json).toMatchObject({ request: { status: 'declined' }, clientNotified: true });
    expect(declined.json.request.declineReason).toBeUndefined();
    // Declined twice: 409 conflict (already declined), as other repeated state changes answer, not a 404; no second email.
    const twice = await t.call('POST', `/invoices/${invoice.id}/payment-plan/request/decline`, { reason: 'Encore non' });
    expect(twice.status).toBe(409);
    expect(twice.type).toContain('application/problem+json');
    expect(twice.json).toMatchObject({ type: 'https://relances.dev/problems/plan-request-already-declined', detail: "The client's payment plan request was already declined" });
    expect((await events(invoice.id)).filter((e) => e.type === 'plan.declined')).toHaveLength(1);
    // Every stream consumer takes the `plan.declined` record (its data is an empty map) and goes on.
    await t.drain();
    expect((await events(invoice.id)).find((e) => e.type === 'plan.declined')?.data).toEqual({});
    // The reminders go on as before: a payment afterwards still cancels the pending steps.
    await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: invoice.balance, date: today });
    await t.drain();
    expect((await steps(invoice.id)).filter((s) => s.state === 'scheduled')).toEqual([]);
    expect((await steps(invoice.id)).filter((s) => s.state === 'cancelled').map((s) => s.reason)).toContain('paid');
  });
});
