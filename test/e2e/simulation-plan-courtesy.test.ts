/**
 * A payment plan's courtesy reminder is never sent on or after its instalment's date: when the client's gap
 * pushes it there, the engine skips it `due_passed` (send-reminder.ts `dueBoundary`). The dry run replayed
 * the gap over it without that date and showed it going out days after its instalment, the plan's later
 * reminders a gap further on each, and one the gap pushed past the plan's end still sent, while the engine
 * cancels it `plan_ended` at the plan check. What the owner is shown (simulation, the invoice's plan
 * `expectedAt`, the daily overview) must be what goes out.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { DEFAULT_SEND_CALENDAR, isSendDay } from '../../shared/domain/send-calendar.js';
import { aFreshTenant, uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

const drain = async () => {
  const body = (await (await fetch(`${inject('apiUrl')}/local/streams/drain`, { method: 'POST' })).json()) as { error?: string };
  if (body.error) throw new Error(`stream not drained: ${body.error}`);
};

let acme: Awaited<ReturnType<typeof aFreshTenant>>;

interface Step { stepId: string; state: string; plan: number; scheduledAt?: string; sentAt?: string; reason?: string; expectedAt?: string }
interface SimulationItem { invoiceId: string; stepId: string; action: string; at?: string; reason?: string }

describe('the dry run of a payment plan whose instalments are closer than the client gap', () => {
  beforeAll(async () => {
    acme = await aFreshTenant('sim-plan-courtesy');
    // A week between two messages to a client: the second instalment's courtesy reminder cannot go before its date.
    expect((await acme.put('/settings', { company: aCompanyIdentity(), minGapDays: 7 })).status).toBe(200);
  });

  it('shows the courtesy reminder the gap pushes onto its instalment skipped, and the reminders after it on the days the engine sends them', async () => {
    const today = parisToday();
    const clientId = (await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('simcourtesy') }))).json.id as string;
    const draft = await acme.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const sent = await acme.post(`/invoices/${draft.json.id}/send`);
    expect(sent.status).toBe(200);
    const id = draft.json.id as string;
    const balance = sent.json.balanceCents as number;
    const third = Math.floor(balance / 3);
    const plan = await acme.post(`/invoices/${id}/payment-plan`, {
      instalments: [
        { dueDate: addDays(today, 20), amountCents: third },
        { dueDate: addDays(today, 21), amountCents: third },
        { dueDate: addDays(today, 22), amountCents: balance - 2 * third },
      ],
    });
    expect(plan.status).toBe(201);
    await drain();
    await drain();
    const before = (await acme.get(`/invoices/${id}/reminders`)).json.items as Step[];
    expect(before.filter((s) => s.stepId.startsWith('p1-')).map((s) => s.state)).toEqual(Array(6).fill('scheduled'));

    const sim = await acme.get(`/reminders/simulation?from=${today}&to=${addDays(today, 100)}`);
    expect(sim.status).toBe(200);
    const items = (sim.json.items as SimulationItem[]).filter((i) => i.invoiceId === id);
    const sends = items.filter((i) => i.action === 'send').map((i) => [i.stepId, i.at]);
    // The courtesy reminders of the second and third instalments: a week after the first one, past their dates.
    expect(items.filter((i) => i.stepId === 'p1-c2' || i.stepId === 'p1-c3').map((i) => [i.stepId, i.action, i.reason])).toEqual([
      ['p1-c2', 'skip', 'due_passed'],
      ['p1-c3', 'skip', 'due_passed'],
    ]);
    // The invoice's plan says no later day for them than the engine's (expectedAt comes from the same dry run).
    const expected = new Map(before.filter((s) => s.expectedAt).map((s) => [s.stepId, s.expectedAt!]));

    await runUntil(endOfDay(addDays(today, 100)), { tenant: acme.tenant });
    const after = (await acme.get(`/invoices/${id}/reminders`)).json.items as Step[];
    expect((await acme.get(`/invoices/${id}/payment-plan`)).json).toMatchObject({ status: 'ended', endReason: 'missed' });
    expect(after.filter((s) => s.stepId === 'p1-c2' || s.stepId === 'p1-c3').map((s) => [s.stepId, s.state, s.reason])).toEqual([
      ['p1-c2', 'skipped', 'due_passed'],
      ['p1-c3', 'skipped', 'due_passed'],
    ]);
    const sentSteps = after.filter((s) => s.state === 'sent').sort((a, b) => a.sentAt!.localeCompare(b.sentAt!));
    expect(sentSteps.map((s) => s.stepId)).toEqual(expect.arrayContaining(['p1-c1', 'p1-l1', 'j+1']));
    expect(sends).toEqual(sentSteps.map((s) => [s.stepId, s.sentAt!.slice(0, 16) + ':00.000Z']));
    for (const s of sentSteps) if (expected.has(s.stepId)) expect([s.stepId, expected.get(s.stepId)]).toEqual([s.stepId, s.sentAt!.slice(0, 16) + ':00.000Z']);
    // Every plan step the engine did not send is shown so by the dry run, with the same reason.
    for (const s of after.filter((x) => x.stepId.startsWith('p1-') && x.state !== 'sent')) {
      expect([s.stepId, items.find((i) => i.stepId === s.stepId)?.reason]).toEqual([s.stepId, s.reason]);
    }
  });

  it('never sends a plan reminder due at the very time the plan check ends the plan: the engine skips it plan_ended whichever fires first, as the dry run shows', async () => {
    // Settings as they come (gap 3, courtesy 3, late 3, missed 15). The second instalment 13 days after the
    // first: its late reminder (D+16) falls at the send hour of the first one's plan check (D+15+1). On AWS both
    // schedules fire at once; the reminder used to go out whenever its fire came first (locally, always).
    const t = await aFreshTenant('plan-check-tie');
    expect((await t.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const today = parisToday();
    // A Monday at least a week ahead whose plan reminders' days are all send days (the suite runs at any date).
    const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
    let d = addDays(today, 7);
    while (weekday(d) !== 1 || ![-3, 3, 10, 16].every((n) => isSendDay(addDays(d, n), DEFAULT_SEND_CALENDAR))) d = addDays(d, 1);
    const clientId = (await t.post('/clients', aBusinessClientInput({ email: uniqueEmail('plantie') }))).json.id as string;
    const draft = await t.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const sent = await t.post(`/invoices/${draft.json.id}/send`);
    expect(sent.status).toBe(200);
    const id = draft.json.id as string;
    const balance = sent.json.balanceCents as number;
    const half = Math.floor(balance / 2);
    expect((await t.post(`/invoices/${id}/payment-plan`, { instalments: [{ dueDate: d, amountCents: half }, { dueDate: addDays(d, 13), amountCents: balance - half }] })).status).toBe(201);
    await drain();
    await drain();
    const before = (await t.get(`/invoices/${id}/reminders`)).json.items as Step[];
    expect(before.find((s) => s.stepId === 'p1-l2')?.scheduledAt?.slice(0, 10)).toBe(addDays(d, 16));

    const sim = (await t.get(`/reminders/simulation?from=${today}&to=${addDays(d, 60)}`)).json.items as SimulationItem[];
    expect(sim.find((i) => i.invoiceId === id && i.stepId === 'p1-l2')).toMatchObject({ action: 'skip', reason: 'plan_ended' });

    await runUntil(endOfDay(addDays(d, 60)), { tenant: t.tenant });
    expect((await t.get(`/invoices/${id}/payment-plan`)).json).toMatchObject({ status: 'ended', endReason: 'missed' });
    const after = (await t.get(`/invoices/${id}/reminders`)).json.items as Step[];
    const l2 = after.find((s) => s.stepId === 'p1-l2')!;
    expect([l2.state === 'sent' ? 'sent' : 'not sent', l2.reason]).toEqual(['not sent', 'plan_ended']);
    const sentSteps = after.filter((s) => s.state === 'sent').sort((a, b) => a.sentAt!.localeCompare(b.sentAt!));
    expect(sim.filter((i) => i.invoiceId === id && i.action === 'send').map((i) => [i.stepId, i.at])).toEqual(sentSteps.map((s) => [s.stepId, s.sentAt!.slice(0, 16) + ':00.000Z']));
  });
});
