/**
 * The payment-plan use cases over the in-memory fakes: the owner's plan (create, read, end), the
 * client's request (portal) accepted or declined with the client told by email, and the engine
 * replacing the invoice's steps while the plan runs.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { BusinessRuleError, NotFoundError, StateConflictError } from '../../shared/app/errors.js';
import {
  makeAcceptPlanRequest,
  makeCreatePaymentPlan,
  makeDeclinePlanRequest,
  makeDeletePaymentPlan,
  makeGetPaymentPlan,
  makeRequestPaymentPlan,
} from '../../shared/app/payment-plans.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeRecordPayment } from '../../shared/app/payments.js';
import { loadReminderContext, recordedOrProjected } from '../../shared/app/reminders/reminder-context.js';
import { fitPlanTemplate, planManualDefault } from '../../shared/app/reminders/plan-lifecycle.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import {
  aClient,
  anInvoiceRecord,
  FakeClientRepository,
  FakeInvoiceRepository,
  FakeMailer,
  FakeSettingsRepository,
  FakeStepRepository,
  FakeTenantDocuments,
  fixedClock,
  sequentialIds,
} from '../fixtures/fakes.js';
import { FakeReminderScheduler } from '../fixtures/more-fakes.js';

const T = 'acme';
const world = () => {
  const invoices = new FakeInvoiceRepository().add(anInvoiceRecord({ dueDate: '2026-02-20' })); // 1,200.00 € unpaid, overdue
  const clients = new FakeClientRepository();
  void clients.create(T, aClient({ id: 'c1', email: 'compta@dupont.test', language: 'fr' }));
  const settings = new FakeSettingsRepository();
  const clock = fixedClock('2026-03-02T10:00:00.000Z');
  const mailer = new FakeMailer();
  const steps = new FakeStepRepository(invoices, clients);
  const deps = { invoices, clients, settings, clock, mailer };
  return {
    invoices, clock, mailer, steps,
    deps: { ...deps, scenarios: new FakeTenantDocuments<Scenario>(), steps },
    create: makeCreatePaymentPlan(deps),
    get: makeGetPaymentPlan(deps),
    end: makeDeletePaymentPlan(deps),
    request: makeRequestPaymentPlan(deps),
    accept: makeAcceptPlanRequest(deps),
    decline: makeDeclinePlanRequest(deps),
    pay: makeRecordPayment({ ...deps, ids: sequentialIds('01PAY') }),
    reconcile: makeReconcileSchedules({ ...deps, scenarios: new FakeTenantDocuments<Scenario>(), steps, scheduler: new FakeReminderScheduler() }),
    events: async () => (await invoices.timeline(T, 'inv1', { limit: 100 })).items.map((e) => e.type),
  };
};
const THREE = [
  { dueDate: '2026-03-10', amountCents: 40_000 },
  { dueDate: '2026-04-10', amountCents: 40_000 },
  { dueDate: '2026-05-11', amountCents: 40_000 },
];

describe('the owner’s payment plan', () => {
  let w: ReturnType<typeof world>;
  beforeEach(() => void (w = world()));

  it('records the plan with its waiver on the invoice and the timeline', async () => {
    const view = await w.create(T, 'inv1', { instalments: THREE, waivePenalties: true, note: 'accord oral' });
    expect(view).toMatchObject({ seq: 1, status: 'active', totalCents: 120_000, balanceCents: 120_000, waivePenalties: true, source: 'owner' });
    expect((await w.invoices.get(T, 'inv1'))?.paymentPlan?.waivePenalties).toBe(true);
    const created = (await w.invoices.timeline(T, 'inv1', { limit: 10 })).items.find((e) => e.type === 'plan.created');
    expect(created?.data).toMatchObject({ seq: 1, waivePenalties: true, note: 'accord oral', totalCents: 120_000 });
  });

  it('refuses (422) a plan on a paid or draft invoice, a second running plan, and a sum that is not the balance, writing nothing', async () => {
    await expect(w.create(T, 'inv1', { instalments: THREE.slice(0, 2) })).rejects.toMatchObject({ status: 422, errors: [{ path: 'body.instalments' }] });
    expect((await w.invoices.get(T, 'inv1'))?.paymentPlan).toBeUndefined();
    await w.create(T, 'inv1', { instalments: THREE });
    await expect(w.create(T, 'inv1', { instalments: THREE })).rejects.toBeInstanceOf(BusinessRuleError);
    w.invoices.add(anInvoiceRecord({ id: 'inv2', status: 'paid', paidCents: 120_000 }));
    await expect(w.create(T, 'inv2', { instalments: THREE })).rejects.toMatchObject({ status: 422, type: 'https://relances.dev/problems/invoice-not-open' });
  });

  it('allocates payments to the oldest instalment first and ends the plan, keeping it, on DELETE', async () => {
    await w.create(T, 'inv1', { instalments: THREE });
    await w.pay(T, 'inv1', { amountCents: 50_000, date: '2026-03-02', method: 'transfer' });
    w.clock.set('2026-04-12T10:00:00.000Z');
    expect((await w.get(T, 'inv1')).instalments.map((i) => [i.status, i.dueCents])).toEqual([['paid', 0], ['late', 30_000], ['pending', 40_000]]);
    const ended = await w.end(T, 'inv1');
    expect(ended).toMatchObject({ status: 'ended', endReason: 'deleted' });
    expect((await w.get(T, 'inv1')).status).toBe('ended');
    await expect(w.end(T, 'inv1')).rejects.toBeInstanceOf(NotFoundError);
    expect(await w.events()).toEqual(expect.arrayContaining(['plan.created', 'plan.ended']));
  });

  it('replaces the invoice’s pending steps with the plan’s, and brings them back from where they stood when it ends', async () => {
    await w.reconcile(T, 'inv1');
    const before = await w.steps.list(T, 'inv1');
    expect(before.filter((s) => s.state === 'scheduled').map((s) => s.stepId)).toEqual(['j+1', 'j+8', 'j+15', 'escalate']);
    await w.create(T, 'inv1', { instalments: THREE });
    await w.reconcile(T, 'inv1');
    const during = await w.steps.list(T, 'inv1');
    expect(during.filter((s) => s.plan < 1000 && s.state === 'cancelled').map((s) => s.reason)).toEqual(['payment_plan', 'payment_plan', 'payment_plan', 'payment_plan']);
    expect(during.filter((s) => s.plan >= 1000).map((s) => s.stepId)).toEqual(['p1-c1', 'p1-l1', 'p1-c2', 'p1-l2', 'p1-c3', 'p1-l3']);
    // The dry run shows what the plan will send, after the scenario's (cancelled) steps.
    const ctx = (await loadReminderContext(w.deps, T, 'inv1'))!;
    expect(recordedOrProjected(ctx, w.clock.now()).filter((s) => s.state === 'scheduled').map((s) => s.templateId)).toEqual([
      // The third courtesy goes on Thursday 7 May: 8 May is a holiday and 9-10 a weekend before the 11 May instalment.
      'instalment-courtesy', 'instalment-late', 'instalment-courtesy', 'instalment-late', 'instalment-courtesy', 'instalment-late',
    ]);
    await w.end(T, 'inv1');
    await w.reconcile(T, 'inv1');
    const after = await w.steps.list(T, 'inv1');
    expect(after.filter((s) => s.plan >= 1000 && s.state === 'cancelled').map((s) => s.reason)).toEqual(['plan_ended', 'plan_ended', 'plan_ended', 'plan_ended', 'plan_ended', 'plan_ended']);
    // Nothing was sent before the plan: the escalation starts again at J+1 (J-5 stays past).
    expect(after.filter((s) => s.plan === 2).map((s) => [s.stepId, s.state])).toEqual([['j-5', 'skipped'], ['j+1', 'scheduled'], ['j+8', 'scheduled'], ['j+15', 'scheduled'], ['escalate', 'scheduled']]);
  });

  it('shows the plan’s steps in the dry run when the plan was agreed before the invoice’s first plan was recorded (no scenario step recorded)', async () => {
    await w.create(T, 'inv1', { instalments: THREE });
    await w.reconcile(T, 'inv1');
    const recorded = await w.steps.list(T, 'inv1');
    expect(recorded.filter((s) => s.plan < 1000 && s.state === 'scheduled')).toEqual([]);
    const ctx = (await loadReminderContext(w.deps, T, 'inv1'))!;
    // It showed the scenario's J+1, J+8… as sends, and none of the plan's reminders, while the engine sends the plan's.
    expect(recordedOrProjected(ctx, w.clock.now()).filter((s) => s.state === 'scheduled').map((s) => s.stepId)).toEqual(
      recorded.filter((s) => s.state === 'scheduled').map((s) => s.stepId),
    );
    expect(recordedOrProjected(ctx, w.clock.now()).filter((s) => s.state === 'scheduled').map((s) => s.templateId)).toEqual([
      'instalment-courtesy', 'instalment-late', 'instalment-courtesy', 'instalment-late', 'instalment-courtesy', 'instalment-late',
    ]);
  });

  it('defaults a reminder sent by hand before an instalment’s date to the courtesy one, never "not received", even when the next step is the late one', async () => {
    await w.create(T, 'inv1', { instalments: THREE });
    await w.reconcile(T, 'inv1');
    // The courtesy before the 10 March instalment went out; the late one (13 March) is next. On 9 March nothing is late.
    const courtesy = (await w.steps.list(T, 'inv1')).find((s) => s.stepId === 'p1-c1')!;
    await w.steps.transition(T, 'inv1', courtesy, { state: 'scheduled', scheduledAt: courtesy.scheduledAt! }, { state: 'skipped', reason: 'manual_sent', at: '2026-03-06T08:00:00.000Z' });
    const ctx = (await loadReminderContext(w.deps, T, 'inv1'))!;
    expect(planManualDefault(ctx, '2026-03-09')).toMatchObject({ templateId: 'instalment-courtesy', instalment: 0 });
    expect(planManualDefault(ctx, '2026-03-10')).toMatchObject({ templateId: 'instalment-courtesy', instalment: 0 });
    // Once the date passed unpaid, the late one.
    expect(planManualDefault(ctx, '2026-03-11')).toMatchObject({ templateId: 'instalment-late', instalment: 0 });
  });

  it('fits a plan reminder the owner names to the instalments: "not received" only about the first one late, "due on" never about a date passed', async () => {
    await w.create(T, 'inv1', { instalments: THREE });
    await w.reconcile(T, 'inv1');
    const ctx = (await loadReminderContext(w.deps, T, 'inv1'))!;
    // Nothing late yet: the late one named goes as the courtesy one about the next instalment, in its language.
    expect(fitPlanTemplate(ctx, '2026-03-02', 'instalment-late')).toEqual({ templateId: 'instalment-courtesy', instalment: 0 });
    expect(fitPlanTemplate(ctx, '2026-03-02', 'instalment-late-en')).toEqual({ templateId: 'instalment-courtesy-en', instalment: 0 });
    expect(fitPlanTemplate(ctx, '2026-03-02', 'instalment-courtesy')).toEqual({ templateId: 'instalment-courtesy', instalment: 0 });
    // The 10 March instalment unpaid on 12 March: the courtesy one named ("arrive le 10/03") goes as the late one about it.
    expect(fitPlanTemplate(ctx, '2026-03-12', 'instalment-courtesy')).toEqual({ templateId: 'instalment-late', instalment: 0 });
    expect(fitPlanTemplate(ctx, '2026-03-12', 'instalment-late')).toEqual({ templateId: 'instalment-late', instalment: 0 });
    // Any other template keeps the owner's choice.
    expect(fitPlanTemplate(ctx, '2026-03-12', 'firm')).toBeUndefined();
  });

  it('names the first instalment late in the late reminder, not the one the next courtesy step is about', async () => {
    await w.create(T, 'inv1', { instalments: THREE });
    await w.reconcile(T, 'inv1');
    // The first instalment's two reminders are done; the next step is the courtesy before the second (10 April).
    for (const id of ['p1-c1', 'p1-l1']) {
      const step = (await w.steps.list(T, 'inv1')).find((s) => s.stepId === id)!;
      await w.steps.transition(T, 'inv1', step, { state: 'scheduled', scheduledAt: step.scheduledAt! }, { state: 'skipped', reason: 'manual_sent', at: '2026-03-13T08:00:00.000Z' });
    }
    const ctx = (await loadReminderContext(w.deps, T, 'inv1'))!;
    expect(planManualDefault(ctx, '2026-03-20')).toMatchObject({ templateId: 'instalment-courtesy', instalment: 1 });
    expect(fitPlanTemplate(ctx, '2026-03-20', 'instalment-late')).toEqual({ templateId: 'instalment-late', instalment: 0 });
  });

  it('ends the plan `paid` when the invoice is paid, cancelling what was pending', async () => {
    await w.create(T, 'inv1', { instalments: THREE });
    await w.reconcile(T, 'inv1');
    await w.pay(T, 'inv1', { amountCents: 120_000, date: '2026-03-02', method: 'transfer' });
    await w.reconcile(T, 'inv1');
    expect((await w.invoices.get(T, 'inv1'))?.paymentPlan).toMatchObject({ status: 'ended', endReason: 'paid' });
    const after = await w.steps.list(T, 'inv1');
    expect(after.filter((s) => s.state === 'scheduled')).toEqual([]);
    // Cancelled because the invoice is paid (README: "and every pending step (paid)"), as an invoice paid without a plan.
    expect(after.filter((s) => s.plan >= 1000).map((s) => [s.state, s.reason])).toEqual(after.filter((s) => s.plan >= 1000).map(() => ['cancelled', 'paid']));
  });

  it('ends the plan `missed` once an instalment is unpaid more than planMissedDays', async () => {
    await w.create(T, 'inv1', { instalments: THREE });
    await w.reconcile(T, 'inv1');
    w.clock.set('2026-03-25T10:00:00.000Z'); // 15 days after 10 March: still on
    await w.reconcile(T, 'inv1');
    expect((await w.invoices.get(T, 'inv1'))?.paymentPlan?.status).toBe('active');
    w.clock.set('2026-03-26T10:00:00.000Z');
    await w.reconcile(T, 'inv1');
    expect((await w.invoices.get(T, 'inv1'))?.paymentPlan).toMatchObject({ status: 'ended', endReason: 'missed' });
    const timeline = (await w.invoices.timeline(T, 'inv1', { limit: 100 })).items;
    expect(timeline.find((e) => e.type === 'instalment.missed')?.data).toMatchObject({ dueDate: '2026-03-10', instalment: 0, dueCents: 40_000 });
  });
});

describe('a plan the client asks for', () => {
  let w: ReturnType<typeof world>;
  beforeEach(() => void (w = world()));

  it('is recorded `plan.requested`, then accepted: it becomes the plan and the client is told', async () => {
    const request = await w.request(T, 'inv1', { instalments: THREE });
    expect(request.status).toBe('pending');
    expect(await w.events()).toContain('plan.requested');
    const result = await w.accept(T, 'inv1', { waivePenalties: true });
    expect(result.plan).toMatchObject({ status: 'active', source: 'client', waivePenalties: true });
    expect(result.request.status).toBe('accepted');
    expect(result.clientNotified).toBe(true);
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]?.to).toEqual(['compta@dupont.test']);
    expect(w.mailer.sent[0]?.subject).toBe('Facture F-2026-0001\u202f: votre échéancier est accepté');
    expect(w.mailer.sent[0]?.text).toContain('3. 11/05/2026\u202f: 400,00');
    expect(w.mailer.sent[0]?.text).toContain('nous renonçons aux pénalités');
    expect(await w.events()).toEqual(expect.arrayContaining(['plan.accepted', 'plan.created', 'plan.client_notified']));
    // Accepted once: accepting again is a conflict (409 plan-request-already-accepted), no longer "not found".
    await expect(w.accept(T, 'inv1')).rejects.toMatchObject({ constructor: StateConflictError, type: expect.stringContaining('plan-request-already-accepted') });
  });

  it('never tells a consumer that fees are waived: a private client owes no €40 indemnity nor B2B penalties (DOMAIN: no fees lines for consumers)', async () => {
    // The accepted plan's email said « nous renonçons aux pénalités de retard et à l'indemnité forfaitaire de recouvrement »
    // to a private person, as if they had been owed; the PDFs already said it to businesses only.
    w.invoices.add(anInvoiceRecord({ dueDate: '2026-02-20', clientKind: 'consumer' }));
    await w.request(T, 'inv1', { instalments: THREE });
    const result = await w.accept(T, 'inv1', { waivePenalties: true });
    expect(result.plan).toMatchObject({ status: 'active', waivePenalties: true });
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]?.text).toContain('3. 11/05/2026\u202f: 400,00');
    expect(w.mailer.sent[0]?.text).not.toMatch(/pénalités|indemnité/);
  });

  it('replaces a promise the client made earlier: its pause ends, so the first instalment’s courtesy reminder goes before it', async () => {
    // The client promised to pay by 20 March (reminders paused until the 21st), then asked for a plan whose first instalment is on the 10th.
    const invoice = (await w.invoices.get(T, 'inv1'))!;
    w.invoices.add({ ...invoice, remindersPaused: true, pausedUntil: '2026-03-21', pauseReason: 'promise', promisedFor: '2026-03-20', version: invoice.version + 1 });
    await w.request(T, 'inv1', { instalments: THREE });
    await w.accept(T, 'inv1');
    const after = (await w.invoices.get(T, 'inv1'))!;
    expect([after.remindersPaused, after.pausedUntil, after.promisedFor]).toEqual([false, undefined, undefined]);
    expect(await w.events()).toContain('invoice.resumed');
    await w.reconcile(T, 'inv1');
    const courtesy = (await w.steps.list(T, 'inv1')).find((s) => s.stepId === 'p1-c1');
    expect([courtesy?.state, courtesy?.scheduledAt?.slice(0, 10)]).toEqual(['scheduled', '2026-03-09']); // the Monday before the 10th (7-8 March a weekend)
  });

  it('keeps a pause the owner decided, or a "j’ai payé" the owner has to check, when a plan is agreed', async () => {
    const invoice = (await w.invoices.get(T, 'inv1'))!;
    w.invoices.add({ ...invoice, remindersPaused: true, pausedUntil: '2026-03-21', pauseReason: 'Vacances du client', version: invoice.version + 1 });
    await w.create(T, 'inv1', { instalments: THREE });
    expect((await w.invoices.get(T, 'inv1'))!.pausedUntil).toBe('2026-03-21');
  });

  it('is declined with a reason told to the client; no plan', async () => {
    await w.request(T, 'inv1', { instalments: THREE });
    const result = await w.decline(T, 'inv1', { reason: 'trois mois, pas davantage' });
    expect(result).toMatchObject({ request: { status: 'declined', declineReason: 'trois mois, pas davantage' }, clientNotified: true });
    expect((await w.invoices.get(T, 'inv1'))?.paymentPlan).toBeUndefined();
    expect(w.mailer.sent[0]?.text).toContain('trois mois, pas davantage');
    expect(await w.events()).toContain('plan.declined');
  });

  it('links the invoice’s portal in the answer, accepted or declined, where the client can ask again or pay', async () => {
    const links = { issue: async (invoice: { id: string }) => `https://app.example/p/tok-${invoice.id}` };
    await w.request(T, 'inv1', { instalments: THREE });
    await makeDeclinePlanRequest({ ...w.deps, portalLinks: links })(T, 'inv1', { reason: 'non' });
    expect(w.mailer.sent.at(-1)?.text).toContain('Voir la facture, la payer ou nous signaler un règlement\u202f: https://app.example/p/tok-inv1');
    await w.request(T, 'inv1', { instalments: THREE });
    await makeAcceptPlanRequest({ ...w.deps, portalLinks: links })(T, 'inv1');
    expect(w.mailer.sent.at(-1)?.text).toContain('https://app.example/p/tok-inv1');
    // A link that cannot be made (a revoked portal) leaves the line out, and the answer still goes.
    const failing = { issue: async () => { throw new Error('secret unavailable'); } };
    const other = world();
    await other.request(T, 'inv1', { instalments: THREE });
    expect((await makeDeclinePlanRequest({ ...other.deps, portalLinks: failing })(T, 'inv1')).clientNotified).toBe(true);
    expect(other.mailer.sent.at(-1)?.text).not.toContain('Voir la facture');
  });

  it('cannot be accepted once a payment changed the balance (422), and a failed email never undoes a decision', async () => {
    await w.request(T, 'inv1', { instalments: THREE });
    await w.pay(T, 'inv1', { amountCents: 10_000, date: '2026-03-02', method: 'transfer' });
    // The accept body has no instalments: the error names the request's, which the owner declines.
    await expect(w.accept(T, 'inv1')).rejects.toMatchObject({ status: 422, errors: [{ path: 'planRequest.instalments', message: expect.stringContaining('cents too much') }] });
    w.mailer.send = async () => {
      throw new Error('SES down');
    };
    const declined = await w.decline(T, 'inv1');
    expect(declined.clientNotified).toBe(false);
    expect(await w.events()).toContain('plan.client_notice_failed');
  });

  it('tells the client where its reminders go: the billing contacts, never a bounced address', async () => {
    const clients = w.deps.clients as FakeClientRepository;
    const client = (await clients.get(T, 'c1'))!;
    await clients.replace(T, { ...client, emailStatus: 'bouncing', contacts: [{ name: 'Compta', email: 'factures@dupont.test', role: 'billing' }, { name: 'Gérant', email: 'gerant@dupont.test', role: 'other' }] }, client.updatedAt);
    await w.request(T, 'inv1', { instalments: THREE });
    expect((await w.decline(T, 'inv1')).clientNotified).toBe(true);
    expect(w.mailer.sent.map((m) => m.to)).toEqual([['factures@dupont.test']]);
  });

  it('records the notice failed when every address of the client bounced', async () => {
    const clients = w.deps.clients as FakeClientRepository;
    const client = (await clients.get(T, 'c1'))!;
    await clients.replace(T, { ...client, emailStatus: 'bouncing' }, client.updatedAt);
    await w.request(T, 'inv1', { instalments: THREE });
    expect((await w.accept(T, 'inv1')).clientNotified).toBe(false);
    expect(w.mailer.sent).toEqual([]);
    expect(await w.events()).toContain('plan.client_notice_failed');
  });

  it('refuses a request whose instalments do not add up (422 naming body.instalments)', async () => {
    await expect(w.request(T, 'inv1', { instalments: [THREE[0]!] })).rejects.toMatchObject({ status: 422, errors: [{ path: 'body.instalments' }] });
  });
});
