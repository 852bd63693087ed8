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
});
