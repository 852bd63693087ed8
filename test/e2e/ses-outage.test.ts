/**
 * An SES outage on the local stack (`POST /local/ses/failures`: the SES simulator answers 503 to the
 * sends to an address), with the simulated clock: the send path retries a failed reminder with
 * backoff (15 min, 2 h, 8 h … within 24 h of the first failure), then leaves it `failed`
 * (`send_failed`) and tells the owner. The re-plan that follows each failure used to move the
 * retry to the next send window (the next morning, or Monday for a Friday failure: 72 h later,
 * past the 24 h), so a failed reminder got one retry a day later instead of three the same day.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { DEFAULT_SEND_CALENDAR, isSendDay } from '../../shared/domain/send-calendar.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, inbox, uniqueEmail } from './http.js';
import { inParis, parisToday, runUntil } from './local-clock.js';

const failSendsTo = async (to: string[]) => {
  const res = await fetch(`${inject('apiUrl')}/local/ses/failures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to }) });
  expect(res.status).toBe(200);
};

interface Step { stepId: string; state: string; scheduledAt?: string; sentAt?: string; messageId?: string; reason?: string; attempts?: number }

/** A tenant whose client's invoice is 3 days overdue: its J+1 goes at the next send window. */
const anOverdueInvoice = async (label: string, settings: Record<string, unknown> = {}) => {
  const owner = uniqueEmail(`${label}-owner`);
  const t = await aFreshTenant(label);
  expect((await t.put('/settings', { company: aCompanyIdentity({ email: owner }), ...settings })).status).toBe(200);
  const email = uniqueEmail(label);
  const clientId = (await t.post('/clients', aBusinessClientInput({ email }))).json.id as string;
  const today = parisToday();
  const draft = await t.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -33), dueDate: addDays(today, -3) }));
  expect(draft.status).toBe(201);
  expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
  const steps = async () => (await t.get(`/invoices/${draft.json.id}/reminders`)).json.items as Step[];
  const planned = await steps();
  const j1 = planned.find((s) => s.stepId === 'j+1')!;
  const j8 = planned.find((s) => s.stepId === 'j+8')!;
  expect(j1.state).toBe('scheduled');
  return { t, owner, email, today, invoiceId: draft.json.id as string, steps, j1At: Date.parse(j1.scheduledAt!), j8At: j8.scheduledAt! };
};

const MIN = 60_000;

/** The instant a step went out: its schedule's, give or take the fire's own milliseconds. */
const near = (at: string | undefined, expected: string) => Math.abs(Date.parse(at ?? '') - Date.parse(expected)) < 1_000;

/** Lets the stream consumers (the reconciler's re-plan) see every write made so far. */
const drain = async () => expect((await fetch(`${inject('apiUrl')}/local/streams/drain`, { method: 'POST' })).status).toBe(200);

describe('an SES outage on the local stack', () => {
  let failing: string[] = [];
  afterEach(async () => {
    if (failing.length > 0) await failSendsTo([]);
    failing = [];
  });

  it('retries a failed reminder at 15 min, 2 h, … within 24 h, then fails it and tells the owner; the next step keeps its date', async () => {
    const { t, owner, email, invoiceId, steps, j1At, j8At } = await anOverdueInvoice('outage');
    failing = [email];
    await failSendsTo(failing);

    const fired = await runUntil(new Date(j1At + 26 * 3_600_000), { tenant: t.tenant, invoiceId });
    const j1Fires = fired.filter((f) => f.input.stepId === 'j+1').map((f) => Date.parse(f.at));
    // The first fire at 09:00 on a send day, then the retries the same day: 09:15, 11:15 (and 19:15).
    expect(j1Fires[0]).toBe(j1At);
    expect(j1Fires.length, j1Fires.map((at) => new Date(at).toISOString()).join(', ')).toBeGreaterThanOrEqual(3);
    // (a retry time is rounded up to the minute after the failure)
    expect(j1Fires[1]! - j1Fires[0]!).toBeGreaterThanOrEqual(15 * MIN);
    expect(j1Fires[1]! - j1Fires[0]!).toBeLessThanOrEqual(16 * MIN);
    expect(j1Fires[2]! - j1Fires[1]!).toBeGreaterThanOrEqual(2 * 60 * MIN);
    expect(j1Fires[2]! - j1Fires[1]!).toBeLessThanOrEqual(121 * MIN);
    for (const at of j1Fires) expect(at - j1At).toBeLessThanOrEqual(24 * 3_600_000);

    const j1 = (await steps()).find((s) => s.stepId === 'j+1')!;
    expect(j1).toMatchObject({ state: 'failed', reason: 'send_failed', attempts: j1Fires.length });
    expect(j1.messageId).toBeUndefined();
    expect((await t.get('/notifications')).json.items.map((n: { kind: string }) => n.kind)).toContain('send_failed');
    expect((await inbox(owner)).map((m) => m.subject).filter((s) => s.includes('Relance non envoyée'))).toHaveLength(1);

    // The outage ends: J+8 goes out at the date it had, once; the client never got the J+1.
    await failSendsTo((failing = []));
    await runUntil(new Date(Date.parse(j8At) + 60 * MIN), { tenant: t.tenant, invoiceId });
    const j8 = (await steps()).find((s) => s.stepId === 'j+8')!;
    expect(j8.state).toBe('sent');
    expect(near(j8.sentAt, j8At), `${j8.sentAt} vs ${j8At}`).toBe(true);
    const reminders = (await inbox(email)).filter((m) => !/^Facture \S+ – /.test(m.subject));
    expect(reminders.map((m) => m.messageId)).toEqual([j8.messageId]);
  }, 120_000);

  it('sends the reminder at its first retry, 15 min later, when the outage is over by then: one email', async () => {
    const { t, email, invoiceId, steps, j1At, j8At } = await anOverdueInvoice('blip');
    failing = [email];
    await failSendsTo(failing);
    await runUntil(new Date(j1At + MIN), { tenant: t.tenant, invoiceId });
    const waiting = (await steps()).find((s) => s.stepId === 'j+1')!;
    expect(waiting).toMatchObject({ state: 'scheduled', reason: 'retry', attempts: 1 });
    // (a retry time is rounded up to the minute after the failure)
    expect([15, 16].map((m) => new Date(j1At + m * MIN).toISOString())).toContain(waiting.scheduledAt);

    await failSendsTo((failing = []));
    await runUntil(new Date(j1At + 60 * MIN), { tenant: t.tenant, invoiceId });
    const after = await steps();
    const j1 = after.find((s) => s.stepId === 'j+1')!;
    expect(j1).toMatchObject({ state: 'sent', attempts: 2 });
    expect(near(j1.sentAt, waiting.scheduledAt!), `${j1.sentAt} vs ${waiting.scheduledAt}`).toBe(true);
    // The later steps did not move for it.
    expect(after.find((s) => s.stepId === 'j+8')).toMatchObject({ state: 'scheduled', scheduledAt: j8At });
    const reminders = (await inbox(email)).filter((m) => !/^Facture \S+ – /.test(m.subject));
    expect(reminders.map((m) => m.messageId)).toEqual([j1.messageId]);
  }, 120_000);

  it('moves a reminder waiting for its retry past the grace window of a payment recorded meanwhile', async () => {
    // A week of grace: whatever the weekday, the J+1 (today or the next send day) falls in it.
    const { t, email, today, invoiceId, steps, j1At } = await anOverdueInvoice('retry-grace', { graceDaysAfterPayment: 7 });
    failing = [email];
    await failSendsTo(failing);
    await runUntil(new Date(j1At + MIN), { tenant: t.tenant, invoiceId });
    expect((await steps()).find((s) => s.stepId === 'j+1')).toMatchObject({ state: 'scheduled', reason: 'retry' });
    await failSendsTo((failing = []));

    const paid = await t.post(`/invoices/${invoiceId}/payments`, { amountCents: 20_000, date: today, method: 'transfer' }, { 'Idempotency-Key': `grace-${invoiceId}` });
    expect(paid.status).toBe(201);
    await drain();
    const moved = (await steps()).find((s) => s.stepId === 'j+1')!;
    expect(moved.state).toBe('scheduled');
    expect(inParis(moved.scheduledAt!).date >= addDays(today, 7), moved.scheduledAt).toBe(true);
    // Nothing went out in the grace window; the J+1 went once, at its new time.
    await runUntil(new Date(Date.parse(moved.scheduledAt!) + MIN), { tenant: t.tenant, invoiceId });
    const j1 = (await steps()).find((s) => s.stepId === 'j+1')!;
    expect(j1.state).toBe('sent');
    expect(near(j1.sentAt, moved.scheduledAt!), `${j1.sentAt} vs ${moved.scheduledAt}`).toBe(true);
    const reminders = (await inbox(email)).filter((m) => !/^Facture \S+ – /.test(m.subject) && !/^Merci/.test(m.subject));
    expect(reminders.map((m) => m.messageId)).toEqual([j1.messageId]);
  }, 120_000);

  it('fails a courtesy reminder still failing the evening before the due date and tells the owner: never retried into the due date to be skipped', async () => {
    // A J-1 on a send day before a due date that is one too: its retries within 24 h reach the due date's 09:00.
    let due = addDays(parisToday(), 3);
    while (!isSendDay(addDays(due, -1), DEFAULT_SEND_CALENDAR) || !isSendDay(due, DEFAULT_SEND_CALENDAR)) due = addDays(due, 1);
    const owner = uniqueEmail('eve-owner');
    const t = await aFreshTenant('eve');
    expect((await t.put('/settings', { company: aCompanyIdentity({ email: owner }) })).status).toBe(200);
    const scenario = await t.post('/scenarios', { name: 'Veille', steps: [
      { id: 'j-1', offsetDays: -1, templateId: 'courtesy' },
      { id: 'j+3', offsetDays: 3, templateId: 'reminder' },
    ] });
    expect(scenario.status).toBe(201);
    const email = uniqueEmail('eve');
    const clientId = (await t.post('/clients', aBusinessClientInput({ email, scenarioId: scenario.json.id }))).json.id as string;
    const draft = await t.post('/invoices', anInvoiceInput(clientId, { issueDate: parisToday(), dueDate: due }));
    expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
    const invoiceId = draft.json.id as string;
    const steps = async () => (await t.get(`/invoices/${invoiceId}/reminders`)).json.items as Step[];
    expect((await steps()).find((s) => s.stepId === 'j-1')!.state).toBe('scheduled');

    failing = [email];
    await failSendsTo(failing);
    await runUntil(new Date(`${due}T20:00:00Z`), { tenant: t.tenant, invoiceId });
    const j1 = (await steps()).find((s) => s.stepId === 'j-1')!;
    // Failed with the send's reason, not skipped `due_passed` the next morning as if nothing had gone wrong.
    expect(j1).toMatchObject({ state: 'failed', reason: 'send_failed' });
    expect(inParis(j1.scheduledAt!).date < due, j1.scheduledAt).toBe(true);
    expect((await t.get('/notifications')).json.items.map((n: { kind: string }) => n.kind)).toContain('send_failed');
    expect((await inbox(owner)).map((m) => m.subject).filter((s) => s.includes('Relance non envoyée'))).toHaveLength(1);
  }, 120_000);

  it('gives a reminder moved while waiting for its retry the retries of its new time: not failed at its first failure there', async () => {
    const { t, email, today, invoiceId, steps, j1At } = await anOverdueInvoice('retry-moved', { graceDaysAfterPayment: 7 });
    failing = [email];
    await failSendsTo(failing);
    await runUntil(new Date(j1At + MIN), { tenant: t.tenant, invoiceId });
    expect((await steps()).find((s) => s.stepId === 'j+1')).toMatchObject({ state: 'scheduled', reason: 'retry', attempts: 1 });
    // A payment's grace window moves it a week on; the outage goes on.
    const paid = await t.post(`/invoices/${invoiceId}/payments`, { amountCents: 20_000, date: today, method: 'transfer' }, { 'Idempotency-Key': `moved-${invoiceId}` });
    expect(paid.status).toBe(201);
    await drain();
    const moved = (await steps()).find((s) => s.stepId === 'j+1')!;
    expect(inParis(moved.scheduledAt!).date >= addDays(today, 7), moved.scheduledAt).toBe(true);

    await runUntil(new Date(Date.parse(moved.scheduledAt!) + MIN), { tenant: t.tenant, invoiceId });
    // Its first failure at the new time is retried (15 min later), as any step's: the 24 h count from there.
    const retrying = (await steps()).find((s) => s.stepId === 'j+1')!;
    expect(retrying).toMatchObject({ state: 'scheduled', reason: 'retry', attempts: 2 });
    expect(Date.parse(retrying.scheduledAt!) - Date.parse(moved.scheduledAt!)).toBeLessThanOrEqual(16 * MIN);
    await failSendsTo((failing = []));
    await runUntil(new Date(Date.parse(retrying.scheduledAt!) + MIN), { tenant: t.tenant, invoiceId });
    const j1 = (await steps()).find((s) => s.stepId === 'j+1')!;
    expect(j1).toMatchObject({ state: 'sent', attempts: 3 });
    const reminders = (await inbox(email)).filter((m) => !/^Facture \S+ – /.test(m.subject) && !/^Merci/.test(m.subject));
    expect(reminders.map((m) => m.messageId)).toEqual([j1.messageId]);
  }, 120_000);

  it('brings a reminder moved past a payment\'s grace while waiting for its retry back when that payment is removed', async () => {
    const { t, email, today, invoiceId, steps, j1At } = await anOverdueInvoice('retry-unpaid', { graceDaysAfterPayment: 7 });
    failing = [email];
    await failSendsTo(failing);
    await runUntil(new Date(j1At + MIN), { tenant: t.tenant, invoiceId });
    await failSendsTo((failing = []));
    const paid = await t.post(`/invoices/${invoiceId}/payments`, { amountCents: 20_000, date: today, method: 'transfer' }, { 'Idempotency-Key': `unpaid-${invoiceId}` });
    expect(paid.status).toBe(201);
    await drain();
    const moved = (await steps()).find((s) => s.stepId === 'j+1')!;
    expect(inParis(moved.scheduledAt!).date >= addDays(today, 7), moved.scheduledAt).toBe(true);
    // Moved, it no longer waits for a retry: the view says so, and a re-plan treats it as any step.
    expect(moved.reason).not.toBe('retry');

    // The payment was a mistake: removed, its grace goes with it and the J+1 comes back, as a step never failed would.
    expect((await t.delete(`/invoices/${invoiceId}/payments/${paid.json.payment?.id ?? paid.json.id}`)).status).toBe(200);
    await drain();
    const back = (await steps()).find((s) => s.stepId === 'j+1')!;
    expect(back.state).toBe('scheduled');
    expect(Date.parse(back.scheduledAt!)).toBeLessThan(Date.parse(moved.scheduledAt!));
    expect(inParis(back.scheduledAt!).date < addDays(today, 7), back.scheduledAt).toBe(true);
  }, 120_000);

  it('leaves an invoice never reminded without a last reminder when its first one fails: the failed send gives it back', async () => {
    const { t, email, invoiceId } = await anOverdueInvoice('outage-first');
    failing = [email];
    await failSendsTo(failing);
    expect((await t.post(`/invoices/${invoiceId}/reminders`, {})).status).toBe(502);
    // It kept the failed attempt's instant: the invoice said it was reminded, and sorted so in the list.
    expect((await t.get(`/invoices/${invoiceId}`)).json.lastReminderAt).toBeUndefined();
    await failSendsTo([]);
    failing = [];
    const sent = await t.post(`/invoices/${invoiceId}/reminders`, {});
    expect(sent.status).toBe(201);
    expect((await t.get(`/invoices/${invoiceId}`)).json.lastReminderAt).toBe(sent.json.sentAt);
  });

  it('leaves a client never written to without a last message when the first one fails', async () => {
    const { t, email, invoiceId } = await anOverdueInvoice('outage-client');
    const clientId = (await t.get(`/invoices/${invoiceId}`)).json.clientId as string;
    failing = [email];
    await failSendsTo(failing);
    expect((await t.post(`/clients/${clientId}/reminders`, {})).status).toBe(502);
    // The gap claim's "none before" marker was given back as the client's last message: "lastMessageAt": "".
    const client = (await t.get(`/clients/${clientId}`)).json;
    expect([client.lastMessageAt, client.lastMessageDate]).toEqual([undefined, undefined]);
  });
});

