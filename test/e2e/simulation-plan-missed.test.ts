/**
 * The dry run assumes no payment comes in (that is what it is for: what goes out if the client does
 * nothing). Under a payment plan, an instalment left unpaid ends the plan `planMissedDays` after its
 * date, and the scenario's reminders resume (reconcile-schedules). The dry run once showed the plan's
 * later reminders as sends and the scenario's as skipped `payment_plan` for ever, while the engine
 * ended the plan and sent the J+1, J+8 and J+15.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, inbox, uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

const drain = async () => {
  const body = (await (await fetch(`${inject('apiUrl')}/local/streams/drain`, { method: 'POST' })).json()) as { error?: string };
  if (body.error) throw new Error(`stream not drained: ${body.error}`);
};

let acme: Awaited<ReturnType<typeof aFreshTenant>>;

interface Step { stepId: string; state: string; plan: number; scheduledAt?: string; sentAt?: string; reason?: string }
interface SimulationItem { invoiceId: string; stepId: string; action: string; at?: string; reason?: string }

describe('the dry run of an invoice under a payment plan nobody pays', () => {
  beforeAll(async () => {
    acme = await aFreshTenant('sim-plan-missed');
    expect((await acme.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
  });

  it('ends the plan when its first instalment is missed and shows the scenario reminders that follow, as the engine sends them', async () => {
    const today = parisToday();
    const clientId = (await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('simplan') }))).json.id as string;
    const draft = await acme.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const sent = await acme.post(`/invoices/${draft.json.id}/send`);
    expect(sent.status).toBe(200);
    const id = draft.json.id as string;
    const balance = sent.json.balanceCents as number;
    const half = Math.floor(balance / 2);
    const plan = await acme.post(`/invoices/${id}/payment-plan`, {
      instalments: [{ dueDate: addDays(today, 5), amountCents: half }, { dueDate: addDays(today, 40), amountCents: balance - half }],
    });
    expect(plan.status).toBe(201);
    await drain();
    await drain(); // the plan's steps recorded by the first re-plan, re-planned once more from their own stream records
    const before = (await acme.get(`/invoices/${id}/reminders`)).json.items as Step[];
    expect(before.filter((s) => s.stepId.startsWith('p1-')).map((s) => s.state)).toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled']);
    expect(before.filter((s) => s.stepId.startsWith('j+')).every((s) => s.state === 'cancelled' && s.reason === 'payment_plan')).toBe(true);

    const sim = await acme.get(`/reminders/simulation?from=${today}&to=${addDays(today, 80)}`);
    expect(sim.status).toBe(200);
    const items = (sim.json.items as SimulationItem[]).filter((i) => i.invoiceId === id);
    const sends = items.filter((i) => i.action === 'send').map((i) => [i.stepId, i.at]);

    // The plan check ends it 16 days after the first instalment's date: nothing is paid.
    await runUntil(endOfDay(addDays(today, 80)), { tenant: acme.tenant });
    const after = (await acme.get(`/invoices/${id}/reminders`)).json.items as Step[];
    expect((await acme.get(`/invoices/${id}/payment-plan`)).json).toMatchObject({ status: 'ended', endReason: 'missed' });
    const sentSteps = after.filter((s) => s.state === 'sent').sort((a, b) => a.sentAt!.localeCompare(b.sentAt!));
    expect(sentSteps.map((s) => s.stepId)).toEqual(expect.arrayContaining(['j+1', 'j+8', 'j+15']));
    expect(sends).toEqual(sentSteps.map((s) => [s.stepId, s.sentAt!.slice(0, 16) + ':00.000Z']));
    // The plan's reminders about the second instalment never go: the plan ended before them.
    expect(items.filter((i) => i.stepId.startsWith('p1-') && i.stepId.endsWith('2')).every((i) => i.action === 'skip' && i.reason === 'plan_ended')).toBe(true);
  });

  it('keeps the plan reminders on their days when a promise paused the invoice before the plan (the steps the pause cancelled share the ids of the scenario\'s that follow the plan)', async () => {
    // The client's promise on the portal leaves the scenario's steps `cancelled: paused` under their ids, and the plan
    // agreed then ends that pause: the dry run ranked the J+8 planned after the missed plan as that cancelled J+8, ahead
    // of the plan's own reminders, and showed the first instalment's reminders a month late, after the mise en demeure.
    const today = parisToday();
    const email = uniqueEmail('simpromise');
    const clientId = (await acme.post('/clients', aBusinessClientInput({ email }))).json.id as string;
    const draft = await acme.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const sent = await acme.post(`/invoices/${draft.json.id}/send`);
    expect(sent.status).toBe(200);
    const id = draft.json.id as string;
    await drain();
    const mail = (await inbox(email)).find((m) => m.subject.includes(sent.json.number as string))!;
    const token = /\/p\/([A-Za-z0-9_-]+)/.exec(mail.body.text!)![1];
    const promised = await fetch(`${inject('apiUrl')}/portal/${token}/promise`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ date: addDays(today, 20) }),
    });
    expect(promised.status).toBe(200);
    await drain();
    const balance = sent.json.balanceCents as number;
    const half = Math.floor(balance / 2);
    expect((await acme.post(`/invoices/${id}/payment-plan`, {
      instalments: [{ dueDate: addDays(today, 12), amountCents: half }, { dueDate: addDays(today, 45), amountCents: balance - half }],
    })).status).toBe(201);
    await drain();
    await drain();
    const before = (await acme.get(`/invoices/${id}/reminders`)).json.items as Step[];
    expect(before.some((s) => s.stepId === 'j+8' && s.state === 'cancelled' && s.reason === 'paused')).toBe(true);

    const sim = await acme.get(`/reminders/simulation?from=${today}&to=${addDays(today, 80)}`);
    expect(sim.status).toBe(200);
    const sends = (sim.json.items as SimulationItem[]).filter((i) => i.invoiceId === id && i.action === 'send').map((i) => [i.stepId, i.at]);

    await runUntil(endOfDay(addDays(today, 80)), { tenant: acme.tenant });
    expect((await acme.get(`/invoices/${id}/payment-plan`)).json).toMatchObject({ status: 'ended', endReason: 'missed' });
    const sentSteps = ((await acme.get(`/invoices/${id}/reminders`)).json.items as Step[])
      .filter((s) => s.state === 'sent').sort((a, b) => a.sentAt!.localeCompare(b.sentAt!));
    expect(sentSteps.map((s) => s.stepId).slice(0, 2)).toEqual(['p1-c1', 'p1-l1']);
    expect(sends).toEqual(sentSteps.map((s) => [s.stepId, s.sentAt!.slice(0, 16) + ':00.000Z']));
  });

  it('shows the plan reminders of an instalment paid since they were recorded as skipped instalment_paid, as the engine skips them', async () => {
    const today = parisToday();
    const clientId = (await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('simpaid') }))).json.id as string;
    const draft = await acme.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const sent = await acme.post(`/invoices/${draft.json.id}/send`);
    expect(sent.status).toBe(200);
    const id = draft.json.id as string;
    const balance = sent.json.balanceCents as number;
    const half = Math.floor(balance / 2);
    expect((await acme.post(`/invoices/${id}/payment-plan`, { instalments: [{ dueDate: addDays(today, 6), amountCents: half }, { dueDate: addDays(today, 30), amountCents: balance - half }] })).status).toBe(201);
    await drain();
    await drain();
    expect(((await acme.get(`/invoices/${id}/reminders`)).json.items as Step[]).filter((s) => s.stepId.startsWith('p1-') && s.state === 'scheduled')).toHaveLength(4);
    expect((await acme.post(`/invoices/${id}/payments`, { amountCents: half, date: today })).status).toBe(201);
    await drain();

    const sim = await acme.get(`/reminders/simulation?from=${today}&to=${addDays(today, 25)}`);
    const first = (sim.json.items as SimulationItem[]).filter((i) => i.invoiceId === id && (i.stepId === 'p1-c1' || i.stepId === 'p1-l1'));
    expect(first.map((i) => [i.stepId, i.action, i.reason])).toEqual([
      ['p1-c1', 'skip', 'instalment_paid'],
      ['p1-l1', 'skip', 'instalment_paid'],
    ]);
    await runUntil(endOfDay(addDays(today, 12)), { tenant: acme.tenant });
    const after = (await acme.get(`/invoices/${id}/reminders`)).json.items as Step[];
    expect(after.filter((s) => s.stepId === 'p1-c1' || s.stepId === 'p1-l1').map((s) => s.state)).toEqual(['skipped', 'skipped']);
  });
});
