/**
 * The dry run shows what the engine will do for a client with several invoices (PRODUCT.md item 7):
 * steps of one day in one message, a step within the client's gap moved past it. Then the clock runs
 * and the engine sends exactly that: the same days, the same groups.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { dueDateAhead, endOfDay, parisToday, runUntil } from './local-clock.js';

interface Item { invoiceId: string; invoiceNumber: string; stepId: string; action: string; at: string; reason?: string; plannedAt?: string; groupedWith?: string[] }
interface Step { stepId: string; state: string; sentAt?: string; messageId?: string; reason?: string }

const day = (instant: string) => localDate(new Date(instant), 'Europe/Paris');

describe('the simulation of a client with several invoices', () => {
  it('groups same-day steps, moves the next day’s one past the gap, and the engine then sends just that', async () => {
    const t = await freshTenant('sim-group');
    await t.ok('PUT', '/settings', { ...companySettings, minGapDays: 3, groupByClient: true });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('sim-group') }));
    const due = dueDateAhead(12);
    const invoices: { id: string; number: string }[] = [];
    // Two invoices due the same day, a third due the day after: its J-5 falls the day after theirs.
    for (const dueDate of [due, due, addDays(due, 1)]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate }));
      const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
      invoices.push({ id: draft.id, number: sent.number });
    }
    const [a, b, c] = invoices as [{ id: string; number: string }, { id: string; number: string }, { id: string; number: string }];
    await t.drain();
    const until = addDays(due, -1);
    const sim = (await t.ok('GET', `/reminders/simulation?to=${until}`)).items as Item[];
    const courtesy = (id: string) => sim.find((i) => i.invoiceId === id && i.stepId === 'j-5')!;

    expect(courtesy(a.id)).toMatchObject({ action: 'send', groupedWith: [b.number] });
    expect(courtesy(b.id)).toMatchObject({ action: 'send', groupedWith: [a.number] });
    expect(courtesy(a.id).at).toBe(courtesy(b.id).at);
    // c's own J-5 is the next day, within 3 days of a and b's message: moved, or dropped if that reaches its due date.
    const cItem = courtesy(c.id);
    expect(cItem.reason).toBe(cItem.action === 'send' ? 'gap' : 'due_passed');
    expect(day(cItem.plannedAt!) >= addDays(due, -4)).toBe(true);
    expect(day(cItem.plannedAt!) < addDays(day(courtesy(a.id).at), 3)).toBe(true);
    expect(day(cItem.at) >= addDays(day(courtesy(a.id).at), 3)).toBe(true);

    await runUntil(endOfDay(until), { tenant: t.tenantId });
    const steps = async (id: string) => ((await t.ok('GET', `/invoices/${id}/reminders`)).items as Step[]).find((s) => s.stepId === 'j-5')!;
    const [sa, sb, sc] = [await steps(a.id), await steps(b.id), await steps(c.id)];
    expect([sa.state, sb.state]).toEqual(['sent', 'sent']);
    expect(sa.messageId).toBe(sb.messageId);
    expect(day(sa.sentAt!)).toBe(day(courtesy(a.id).at));
    if (cItem.action === 'send') {
      expect(sc.state).toBe('sent');
      expect(sc.messageId).not.toBe(sa.messageId);
      expect(day(sc.sentAt!)).toBe(day(cItem.at));
    } else {
      expect(sc).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    }
  });

  it('matches, step by step, what the engine sends over the next three weeks', async () => {
    const t = await freshTenant('sim-match');
    await t.ok('PUT', '/settings', { ...companySettings, minGapDays: 3, groupByClient: true });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('sim-match') }));
    const today = parisToday();
    const ids: string[] = [];
    // Already late, due today + 3, + 4 and + 9: catch-ups, courtesy steps and J+1s meeting within the gap.
    for (const dueDate of [addDays(today, -6), addDays(today, 3), addDays(today, 4), addDays(today, 9)]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -30), dueDate }));
      await t.ok('POST', `/invoices/${draft.id}/send`);
      ids.push(draft.id);
    }
    await t.drain();
    const until = addDays(today, 21);
    const sim = ((await t.ok('GET', `/reminders/simulation?to=${until}`)).items as Item[]).filter((i) => i.action !== 'escalate');
    await runUntil(endOfDay(until), { tenant: t.tenantId });
    const outcome: string[] = [];
    const expected: string[] = [];
    for (const id of ids) {
      const steps = (await t.ok('GET', `/invoices/${id}/reminders`)).items as Step[];
      for (const item of sim.filter((i) => i.invoiceId === id)) {
        const step = steps.find((s) => s.stepId === item.stepId);
        expected.push(`${item.invoiceNumber} ${item.stepId} ${item.action === 'send' ? `sent ${day(item.at)}` : `skipped ${item.reason}`}`);
        outcome.push(`${item.invoiceNumber} ${item.stepId} ${step?.state === 'sent' ? `sent ${day(step.sentAt!)}` : `${step?.state} ${step?.reason}`}`);
      }
    }
    expect(outcome).toEqual(expected);
    expect(expected.filter((e) => e.includes(' sent ')).length).toBeGreaterThan(4);
  });
});
