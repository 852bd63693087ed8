/**
 * A courtesy step the client's gap pushes onto its due date is skipped when it fires (`due_passed`), and the re-plan
 * then places the invoice's later steps without the gap their plan kept after it: nothing went out. The dry run kept
 * them where they were recorded, a day late (seen on this stack on 2026-11-28: J+1 shown on 5 January, sent on the 4th).
 * Here `GET /reminders/simulation`, the invoice's plan and the morning overview say the day the engine re-plans them
 * on, and the clock then runs and the engine sends exactly that.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

interface Item { invoiceId: string; stepId: string; action: string; at: string; reason?: string; plannedAt?: string }
interface Step { stepId: string; state: string; scheduledAt?: string; sentAt?: string; reason?: string; expectedAt?: string; movedBy?: string; expectedSkip?: string }
interface OverviewReminder { invoiceId: string; stepId: string; scheduledAt: string; skippedBy?: string; postponedTo?: string }

const day = (instant: string) => localDate(new Date(instant), 'Europe/Paris');

describe('the dry run after a courtesy step the client gap skips', () => {
  it('dates the later reminders where the engine re-plans them, and the engine sends them then', { timeout: 180_000 }, async () => {
    const t = await freshTenant('sim-courtesy-skipped');
    // Every day a send day, 7 days between two messages to a client, each invoice its own messages.
    await t.ok('PUT', '/settings', { ...companySettings, minGapDays: 7, groupByClient: false, skipWeekends: false, skipHolidays: false });
    await t.ok('POST', '/scenarios', {
      id: 'courtoisie',
      name: 'Courtoisie puis deux relances',
      steps: [
        { id: 'c', offsetDays: -5, templateId: 'courtesy' },
        { id: 'r1', offsetDays: 1, templateId: 'reminder' },
        { id: 'r2', offsetDays: 20, templateId: 'firm' },
      ],
    });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('sim-courtesy-skipped'), scenarioId: 'courtoisie' }));
    const today = parisToday();
    // a due today + 3: its courtesy step has passed (skipped), r1 on today + 4, r2 on today + 23.
    // b due today + 11: its courtesy step (today + 6) is within the gap of a's r1; the gap would put it on today + 11,
    // its due date: skipped. Its r1 was recorded on today + 13, the gap after its courtesy step; nothing went out
    // then, so the engine re-plans it on its own day, today + 12, and r2 keeps its spacing from it: today + 31.
    const ids: string[] = [];
    for (const dueDate of [addDays(today, 3), addDays(today, 11)]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -30), dueDate }));
      await t.ok('POST', `/invoices/${draft.id}/send`);
      ids.push(draft.id);
    }
    const [a, b] = ids as [string, string];
    await t.drain();
    const recorded = (await t.ok('GET', `/invoices/${b}/reminders`)).items as Step[];
    const of = (steps: Step[], stepId: string) => steps.find((s) => s.stepId === stepId)!;
    expect([day(of(recorded, 'c').scheduledAt!), day(of(recorded, 'r1').scheduledAt!), day(of(recorded, 'r2').scheduledAt!)]).toEqual([addDays(today, 6), addDays(today, 13), addDays(today, 32)]);

    const until = addDays(today, 33);
    const sim = ((await t.ok('GET', `/reminders/simulation?to=${until}`)).items as Item[]).filter((i) => i.action !== 'escalate');
    const at = (id: string, stepId: string) => sim.find((i) => i.invoiceId === id && i.stepId === stepId)!;
    expect(at(b, 'c')).toMatchObject({ action: 'skip', reason: 'due_passed' });
    expect(at(b, 'r1')).toMatchObject({ action: 'send', reason: 'courtesy_skipped' });
    expect([day(at(b, 'r1').plannedAt!), day(at(b, 'r1').at)]).toEqual([addDays(today, 13), addDays(today, 12)]);
    expect(day(at(b, 'r2').at)).toBe(addDays(today, 31));
    expect(day(at(a, 'r2').at)).toBe(addDays(today, 23));
    // The invoice's plan and the morning overviews say the same.
    expect(of(recorded, 'c').expectedSkip).toBe('due_passed');
    expect([day(of(recorded, 'r1').expectedAt!), of(recorded, 'r1').movedBy]).toEqual([addDays(today, 12), 'courtesy_skipped']);
    const overview = async (date: string) => ((await t.ok('GET', `/overview?date=${date}`)).reminders as OverviewReminder[]).filter((r) => r.invoiceId === b);
    expect((await overview(addDays(today, 12))).map((r) => [r.stepId, day(r.scheduledAt)])).toEqual([['r1', addDays(today, 12)]]);
    expect(await overview(addDays(today, 13))).toEqual([]);

    await runUntil(endOfDay(until), { tenant: t.tenantId });
    const outcome: string[] = [];
    const expected: string[] = [];
    for (const id of ids) {
      const steps = (await t.ok('GET', `/invoices/${id}/reminders`)).items as Step[];
      for (const item of sim.filter((i) => i.invoiceId === id)) {
        const step = steps.find((s) => s.stepId === item.stepId);
        expected.push(`${id === a ? 'a' : 'b'} ${item.stepId} ${item.action === 'send' ? `sent ${day(item.at)}` : `skipped ${item.reason}`}`);
        outcome.push(`${id === a ? 'a' : 'b'} ${item.stepId} ${step?.state === 'sent' ? `sent ${day(step.sentAt!)}` : `${step?.state} ${step?.reason}`}`);
      }
    }
    expect(outcome).toEqual(expected);
    expect(expected).toContain(`b r1 sent ${addDays(today, 12)}`);
  });
});
