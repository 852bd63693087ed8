/**
 * A due date moved later on a sent invoice (a delay granted to a late payer): the recorded steps keep
 * the `nominalDate` of the first due date, but only a step meant for before the due date (`beforeDue`)
 * is ever skipped `due_passed` by the engine. The dry run once took every step whose old nominal date
 * fell before the new due date for a courtesy step and showed the J+1 and J+8 as skipped, while the
 * engine sent them.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, daysBetween } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, uniqueEmail } from './http.js';
import { dueDateAhead, endOfDay, parisToday, runUntil } from './local-clock.js';

const drain = async () => {
  const body = (await (await fetch(`${inject('apiUrl')}/local/streams/drain`, { method: 'POST' })).json()) as { error?: string };
  if (body.error) throw new Error(`stream not drained: ${body.error}`);
};

let acme: Awaited<ReturnType<typeof aFreshTenant>>;

interface Step { stepId: string; state: string; scheduledAt?: string; sentAt?: string; reason?: string }
interface SimulationItem { invoiceId: string; stepId: string; action: string; at?: string; reason?: string }

describe('the dry run after the due date of a sent invoice moved later', () => {
  beforeAll(async () => {
    acme = await aFreshTenant('sim-due-moved');
    expect((await acme.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
  });

  it('shows the overdue steps as sends at their new dates, as the engine then sends them', async () => {
    const first = dueDateAhead(10);
    const clientId = (await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('simdue') }))).json.id as string;
    const draft = await acme.post('/invoices', anInvoiceInput(clientId, { issueDate: parisToday(), dueDate: first }));
    expect((await acme.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
    await drain();
    // Ten more days for the client: later than the J+1 and J+8 nominal dates of the first due date. Counted from
    // that due date, not from today: dueDateAhead(10) moves forward past a weekend (Monday 30 Nov 2026: the 13th)
    // while dueDateAhead(20) did not (the 20th), and the move was no later than the J+8.
    const moved = dueDateAhead(daysBetween(parisToday(), first) + 10);
    expect(moved > addDays(first, 8)).toBe(true);
    expect((await acme.patch(`/invoices/${draft.json.id}`, { dueDate: moved })).status).toBe(200);
    await drain();

    const steps = (await acme.get(`/invoices/${draft.json.id}/reminders`)).json.items as Step[];
    const pending = steps.filter((s) => s.state === 'scheduled' && s.stepId !== 'escalate');
    expect(pending.map((s) => s.stepId)).toEqual(['j-5', 'j+1', 'j+8', 'j+15']);

    const sim = await acme.get(`/reminders/simulation?from=${parisToday()}&to=${addDays(moved, 20)}`);
    expect(sim.status).toBe(200);
    const items = (sim.json.items as SimulationItem[]).filter((i) => i.invoiceId === draft.json.id && i.stepId !== 'escalate');
    expect(items.map((i) => [i.stepId, i.action, i.reason])).toEqual([
      ['j-5', 'send', undefined],
      ['j+1', 'send', undefined],
      ['j+8', 'send', undefined],
      ['j+15', 'send', undefined],
    ]);
    expect(items.map((i) => i.at)).toEqual(pending.map((s) => s.scheduledAt));

    await runUntil(endOfDay(addDays(moved, 16)), { tenant: acme.tenant });
    const after = (await acme.get(`/invoices/${draft.json.id}/reminders`)).json.items as Step[];
    expect(after.filter((s) => s.stepId !== 'escalate').map((s) => [s.stepId, s.state, s.sentAt && new Date(s.sentAt).toISOString().slice(0, 16)])).toEqual(
      items.map((i) => [i.stepId, 'sent', i.at!.slice(0, 16)]),
    );
  });
});
