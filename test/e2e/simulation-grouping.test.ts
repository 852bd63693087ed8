/**
 * The dry run shows what the engine will do for a client with several invoices (PRODUCT.md item 7):
 * steps of one day in one message, a step within the client's gap moved past it. Then the clock runs
 * and the engine sends exactly that: the same days, the same groups.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate, weekday } from '../../shared/domain/dates.js';
import { isPublicHoliday } from '../../shared/domain/holidays.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { dueDateAhead, endOfDay, inParis, parisToday, runUntil } from './local-clock.js';

interface Item { invoiceId: string; invoiceNumber: string; stepId: string; action: string; at: string; reason?: string; plannedAt?: string; groupedWith?: string[] }
interface Step { stepId: string; state: string; sentAt?: string; messageId?: string; reason?: string }

const day = (instant: string) => localDate(new Date(instant), 'Europe/Paris');

describe('the simulation of a client with several invoices', () => {
  it('groups same-day steps, moves the next day’s one past the gap, and the engine then sends just that', async () => {
    const t = await freshTenant('sim-group');
    await t.ok('PUT', '/settings', { ...companySettings, minGapDays: 3, groupByClient: true });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('sim-group') }));
    // a and b's J-5 and c's (the next day) and the days the gap can move c's to, all business days: otherwise a weekend
    // moves c's J-5 past the gap by itself (the test would depend on the weekday it runs).
    const businessDay = (d: string) => weekday(d) !== 0 && weekday(d) !== 6 && !isPublicHoliday(d, 'metropole');
    let due = dueDateAhead(12);
    while (![5, 4, 3, 2].every((n) => businessDay(addDays(due, -n)))) due = addDays(due, 1);
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

  it('puts a text due the morning of the client\'s evening email after it, at 08:00 the next allowed day, and the engine sends it then', { timeout: 60_000 }, async () => {
    const t = await freshTenant('sim-sms');
    // Emails at 20:00: a text waiting a minute past one is outside 08:00–20:00.
    await t.ok('PUT', '/settings', { ...companySettings, sendHour: 20, skipWeekends: false, skipHolidays: false, minGapDays: 0, groupByClient: true });
    await t.ok('POST', '/scenarios', {
      id: 'mail-texto',
      name: 'E-mail puis texto',
      steps: [
        { id: 'mail', offsetDays: 1, templateId: 'reminder', channel: 'email' },
        { id: 'texto', offsetDays: 3, templateId: 'sms-reminder', channel: 'sms' },
      ],
    });
    const phone = `+3361${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('sim-sms'), scenarioId: 'mail-texto', contacts: [{ name: 'Compta', role: 'billing', phone }] }));
    // a due D: its email on D+1 at 20:00. b due D-3: its text's day D at 20:00 is past the texts' window, so its plan puts it on
    // D+1 at 08:00, the morning of a's email. Texts never on Sundays or holidays.
    const textDay = (d: string) => weekday(d) !== 0 && !isPublicHoliday(d, 'metropole');
    let due = addDays(parisToday(), 10);
    while (![1, 2, 3].every((n) => textDay(addDays(due, n)))) due = addDays(due, 1);
    const ids: string[] = [];
    for (const dueDate of [due, addDays(due, -3)]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate }));
      await t.ok('POST', `/invoices/${draft.id}/send`);
      ids.push(draft.id);
    }
    const [a, b] = ids as [string, string];
    await t.drain();
    const until = addDays(due, 3);
    const sim = ((await t.ok('GET', `/reminders/simulation?to=${until}`)).items as Item[]).filter((i) => i.action !== 'escalate');
    const text = sim.find((i) => i.invoiceId === b && i.stepId === 'texto')!;
    expect(text).toMatchObject({ action: 'send', reason: 'email_first' });
    expect(inParis(text.plannedAt!)).toMatchObject({ date: addDays(due, 1), hour: 8 });
    expect(inParis(text.at)).toMatchObject({ date: addDays(due, 2), hour: 8, minute: 0 });
    expect(inParis(sim.find((i) => i.invoiceId === a && i.stepId === 'mail')!.at)).toMatchObject({ date: addDays(due, 1), hour: 20 });

    await runUntil(endOfDay(until), { tenant: t.tenantId });
    const outcome: string[] = [];
    const expected: string[] = [];
    for (const id of ids) {
      const steps = (await t.ok('GET', `/invoices/${id}/reminders`)).items as Step[];
      for (const item of sim.filter((i) => i.invoiceId === id)) {
        const step = steps.find((s) => s.stepId === item.stepId);
        const when = (at: string) => { const p = inParis(at); return `${p.date} ${p.hour}h`; };
        expected.push(`${item.stepId} ${item.action === 'send' ? `sent ${when(item.at)}` : `skipped ${item.reason}`}`);
        outcome.push(`${item.stepId} ${step?.state === 'sent' ? `sent ${when(step.sentAt!)}` : `${step?.state} ${step?.reason}`}`);
      }
    }
    expect(outcome).toEqual(expected);
    expect(expected).toContain(`texto sent ${addDays(due, 2)} 8h`);
  });

  it('moves an invoice’s move to litigation with its last reminder when the client gap delays that one, as the engine does', async () => {
    const t = await freshTenant('sim-escalate');
    await t.ok('PUT', '/settings', { ...companySettings, minGapDays: 3, groupByClient: true, litigationAfterDays: 15 });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('sim-escalate') }));
    const today = parisToday();
    // Two invoices due a day apart: the second one's J+1, J+8 and J+15 each fall the day after the first one's, within
    // the client's gap, and move 2 days; its escalation, 15 days after its last reminder, moves with it (on AWS too).
    // A due date whose steps all fall on business days, so no weekend hides the moves.
    const businessDay = (d: string) => weekday(d) !== 0 && weekday(d) !== 6 && !isPublicHoliday(d, 'metropole');
    let due = addDays(today, 6);
    while (![1, 2, 4, 8, 9, 11, 15, 16, 18].every((n) => businessDay(addDays(due, n)))) due = addDays(due, 1);
    const ids: string[] = [];
    for (const dueDate of [due, addDays(due, 1)]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: today, dueDate }));
      await t.ok('POST', `/invoices/${draft.id}/send`);
      ids.push(draft.id);
    }
    await t.drain();
    const until = addDays(due, 60);
    const sim = (await t.ok('GET', `/reminders/simulation?to=${until}`)).items as Item[];
    await runUntil(endOfDay(until), { tenant: t.tenantId });
    for (const id of ids) {
      const steps = (await t.ok('GET', `/invoices/${id}/reminders`)).items as (Step & { scheduledAt?: string })[];
      const escalated = steps.find((s) => s.stepId === 'escalate' && s.state === 'done')!;
      expect(escalated).toBeDefined();
      const simulated = sim.find((i) => i.invoiceId === id && i.stepId === 'escalate')!;
      expect({ id, day: day(simulated.at) }).toEqual({ id, day: day(escalated.scheduledAt!) });
      // Every reminder went out on the day the simulation said.
      const sent = steps.filter((s) => s.state === 'sent').map((s) => [s.stepId, day(s.sentAt!)]);
      expect(sent).toEqual(sim.filter((i) => i.invoiceId === id && i.action === 'send').map((i) => [i.stepId, day(i.at)]));
    }
  });
});

