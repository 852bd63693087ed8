/**
 * A reminder the client gap sends later than its schedule carries the invoice's later reminders
 * with it: the engine re-plans them from the day it went out, keeping the scenario's spacing
 * (reminder-plan.ts `carry`), and the dry run shows the same days. It used to show them at their
 * own days, as if nothing had moved. The clock then runs and the engine sends exactly that.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

interface Item { invoiceId: string; stepId: string; action: string; at: string; reason?: string; plannedAt?: string }
interface Step { stepId: string; state: string; sentAt?: string; reason?: string }

const day = (instant: string) => localDate(new Date(instant), 'Europe/Paris');

describe('the simulation of a reminder the client gap delays', () => {
  it('moves the invoice’s later reminders with it, keeping their spacing, and the engine sends them on those days', { timeout: 120_000 }, async () => {
    const t = await freshTenant('sim-gap-shift');
    // Every day a send day, one message per client every 3 days, each invoice its own messages.
    await t.ok('PUT', '/settings', { ...companySettings, minGapDays: 3, groupByClient: false, skipWeekends: false, skipHolidays: false });
    await t.ok('POST', '/scenarios', {
      id: 'deux-relances',
      name: 'Deux relances',
      steps: [
        { id: 'r1', offsetDays: 1, templateId: 'reminder' },
        { id: 'r2', offsetDays: 8, templateId: 'firm' },
      ],
    });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('sim-gap-shift'), scenarioId: 'deux-relances' }));
    const today = parisToday();
    // a due today: r1 tomorrow, r2 on today + 8. b due today + 8: its r1 (today + 9) is the day after a's r2, within
    // the gap: it goes out on today + 11, 2 days late, and b's r2 (nominal today + 16) keeps its 7 days from it: today + 18.
    const ids: string[] = [];
    for (const dueDate of [today, addDays(today, 8)]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -30), dueDate }));
      await t.ok('POST', `/invoices/${draft.id}/send`);
      ids.push(draft.id);
    }
    const [a, b] = ids as [string, string];
    await t.drain();
    const until = addDays(today, 20);
    const sim = ((await t.ok('GET', `/reminders/simulation?to=${until}`)).items as Item[]).filter((i) => i.action !== 'escalate');
    const at = (id: string, stepId: string) => sim.find((i) => i.invoiceId === id && i.stepId === stepId)!;
    expect([day(at(a, 'r1').at), day(at(a, 'r2').at)]).toEqual([addDays(today, 1), addDays(today, 8)]);
    expect(at(b, 'r1')).toMatchObject({ action: 'send', reason: 'gap' });
    expect([day(at(b, 'r1').plannedAt!), day(at(b, 'r1').at)]).toEqual([addDays(today, 9), addDays(today, 11)]);
    expect(at(b, 'r2')).toMatchObject({ action: 'send', reason: 'gap' });
    expect([day(at(b, 'r2').plannedAt!), day(at(b, 'r2').at)]).toEqual([addDays(today, 16), addDays(today, 18)]);

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
    expect(expected).toContain(`b r2 sent ${addDays(today, 18)}`);
  });
});
