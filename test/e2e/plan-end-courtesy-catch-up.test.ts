/**
 * The catch-up rule (PRODUCT.md) when a payment plan ends before the invoice's due date: the invoice
 * re-enters its plan, and a before-due step (J-5) whose own time passed while the plan ran is recorded
 * `skipped: due_passed`. The engine used to plan it from the client's gap instead (the plan's last
 * reminder a day before the plan ended): it sent the J-5 on the day the gap allowed, still before the due
 * date, where the dry run showed it skipped (README "Known issues"). Both now follow the rule.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

const drain = async () => {
  const body = (await (await fetch(`${inject('apiUrl')}/local/streams/drain`, { method: 'POST' })).json()) as { error?: string };
  if (body.error) throw new Error(`stream not drained: ${body.error}`);
};

let acme: Awaited<ReturnType<typeof aFreshTenant>>;

interface Step { stepId: string; state: string; plan: number; scheduledAt?: string; sentAt?: string; reason?: string }
interface SimulationItem { invoiceId: string; stepId: string; action: string; at?: string; reason?: string }

describe('a payment plan that ends before the due date', () => {
  beforeAll(async () => {
    acme = await aFreshTenant('plan-end-catch-up');
    // Every day a send day at 09:00 Paris, so the days below hold on any date. Two days between two messages to
    // the client; the plan's courtesy a day before its instalment, its late reminder a day after, its end the day after that (missed: more than a day late).
    const settings = { company: aCompanyIdentity(), skipWeekends: false, skipHolidays: false, minGapDays: 2, planCourtesyDays: 1, planLateDays: 1, planMissedDays: 1 };
    expect((await acme.put('/settings', settings)).status).toBe(200);
  });

  it('skips the J-5 missed while the plan ran, in the engine as in the dry run, though the gap would allow a day before the due date', async () => {
    const today = parisToday();
    const clientId = (await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('plancatchup') }))).json.id as string;
    // Due in 12 days: J-5 on day 7. The instalment on day 6: courtesy day 5, late reminder day 7, the plan ends day 8
    // (missed); the gap from day 7 allows day 9, three days before the due date.
    const dueDate = addDays(today, 12);
    const draft = await acme.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -10), dueDate }));
    const sent = await acme.post(`/invoices/${draft.json.id}/send`);
    expect(sent.status).toBe(200);
    const id = draft.json.id as string;
    expect((await acme.post(`/invoices/${id}/payment-plan`, { instalments: [{ dueDate: addDays(today, 6), amountCents: sent.json.balanceCents as number }] })).status).toBe(201);
    await drain();
    await drain();
    const before = (await acme.get(`/invoices/${id}/reminders`)).json.items as Step[];
    expect(before.filter((s) => s.stepId.startsWith('p1-')).map((s) => [s.stepId, s.state])).toEqual([['p1-c1', 'scheduled'], ['p1-l1', 'scheduled']]);

    const sim = await acme.get(`/reminders/simulation?from=${today}&to=${addDays(today, 30)}`);
    expect(sim.status).toBe(200);
    const items = (sim.json.items as SimulationItem[]).filter((i) => i.invoiceId === id);
    const sends = items.filter((i) => i.action === 'send').map((i) => [i.stepId, i.at]);
    expect(items.filter((i) => i.stepId === 'j-5' && i.reason !== 'payment_plan').map((i) => [i.action, i.reason])).toEqual([['skip', 'due_passed']]);

    await runUntil(endOfDay(addDays(today, 30)), { tenant: acme.tenant });
    expect((await acme.get(`/invoices/${id}/payment-plan`)).json).toMatchObject({ status: 'ended', endReason: 'missed' });
    const after = (await acme.get(`/invoices/${id}/reminders`)).json.items as Step[];
    // The plan recorded when the payment plan ended (the latest scenario plan; a payment plan's steps number from
    // 1000): its J-5 skipped for good, never sent. It is plan 2 when the stream recorded the invoice's first plan
    // before the payment plan was agreed (plan 1 then cancelled `payment_plan`), plan 1 when the payment plan came
    // first (a loaded machine: nothing was recorded before it). The listing goes with a failure.
    const listing = JSON.stringify(after.map((s) => [s.stepId, s.plan, s.state, s.reason ?? null, s.scheduledAt ?? null, s.sentAt ?? null]));
    const latest = Math.max(...after.filter((s) => s.plan < 1000).map((s) => s.plan));
    expect(latest, listing).toBeGreaterThanOrEqual(1);
    expect(after.filter((s) => s.plan < latest).every((s) => s.state === 'cancelled' && s.reason === 'payment_plan'), listing).toBe(true);
    expect(after.filter((s) => s.stepId === 'j-5' && s.plan === latest).map((s) => [s.state, s.reason]), listing).toEqual([['skipped', 'due_passed']]);
    expect(after.filter((s) => s.stepId === 'j-5' && s.state === 'sent'), listing).toEqual([]);
    const sentSteps = after.filter((s) => s.state === 'sent').sort((a, b) => a.sentAt!.localeCompare(b.sentAt!));
    expect(sentSteps.map((s) => s.stepId)).toEqual(['p1-c1', 'p1-l1', 'j+1', 'j+8', 'j+15']);
    // What the dry run showed on the first day is what went out, step for step and minute for minute.
    expect(sends).toEqual(sentSteps.map((s) => [s.stepId, s.sentAt!.slice(0, 16) + ':00.000Z']));
  });
});
