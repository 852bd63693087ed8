/**
 * README "Known issues" (fixed): with `groupByClient` off, a client's invoices whose steps fall in the
 * same send window compete for the client's gap. The fire that claimed the client first won and the
 * others were moved past the gap, again and again: on the local stack a client with nine invoices got
 * the first reminder of its oldest one weeks after newer invoices' mises en demeure, and the dry run
 * showed a pick of its own. Now the most overdue invoice takes the window (earliest due date, then the
 * more advanced step, then the number), whatever order the Scheduler fires in, and the dry run shows it.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

interface Item { invoiceId: string; stepId: string; action: string; at: string; reason?: string }
interface Step { stepId: string; state: string; sentAt?: string; reason?: string; beforeDue?: boolean }

const day = (instant: string) => localDate(new Date(instant), 'Europe/Paris');

describe('a client with nine overdue invoices, not grouped', () => {
  it('gets each window for its most overdue invoice, and the dry run shows the days they go out', { timeout: 600_000 }, async () => {
    const t = await freshTenant('ungrouped-order');
    // Every day a send day, one message per client every 3 days, each invoice its own messages, no litigation.
    await t.ok('PUT', '/settings', { ...companySettings, minGapDays: 3, groupByClient: false, skipWeekends: false, skipHolidays: false, litigationAfterDays: 0 });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('ungrouped-order') }));
    const today = parisToday();
    // Issued the same day (numbers follow dates), sent newest first: numbers, ids and schedule names run against lateness, so an
    // engine picking by fire order (the emulator fires a wave in name order) gets the order wrong.
    const daysLate = [2, 6, 11, 17, 23, 29, 35, 42, 50];
    const byLateness: string[] = [];
    for (const late of daysLate) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -52), dueDate: addDays(today, -late) }));
      await t.ok('POST', `/invoices/${draft.id}/send`);
      byLateness.unshift(draft.id);
    }
    await t.drain();

    const until = addDays(today, 80);
    const sim = (await t.ok('GET', `/reminders/simulation?to=${until}`)).items as Item[];
    const label = (id: string) => `#${byLateness.indexOf(id) + 1}`;
    // The dry run: the first reminders (J+1, each invoice caught up) follow lateness, three days apart at least.
    const simFirst = byLateness.map((id) => sim.find((i) => i.invoiceId === id && i.action === 'send'));
    expect(simFirst.every((i) => i !== undefined), 'every invoice gets a reminder within 80 days').toBe(true);
    const simDays = simFirst.map((i) => day(i!.at));
    expect([...simDays].sort(), `first reminders by lateness in the dry run: ${simDays.join(' ')}`).toEqual(simDays);
    expect(new Set(simDays).size).toBe(9);

    await runUntil(endOfDay(until), { tenant: t.tenantId });
    const steps = new Map<string, Step[]>();
    for (const id of byLateness) steps.set(id, (await t.ok('GET', `/invoices/${id}/reminders`)).items as Step[]);
    // What went out: each invoice's first reminder, in the order of lateness (the most overdue first).
    const firstSent = byLateness.map((id) => steps.get(id)!.filter((s) => s.state === 'sent').map((s) => s.sentAt!).sort()[0]);
    expect(firstSent.every((s) => s !== undefined), 'every invoice reminded').toBe(true);
    const sentDays = firstSent.map((s) => day(s!));
    expect([...sentDays].sort(), `first reminders by lateness: ${byLateness.map((id, i) => `${label(id)} ${sentDays[i]}`).join(', ')}`).toEqual(sentDays);
    expect(new Set(sentDays).size).toBe(9);
    // The client's gap held: one message every 3 days at most.
    const all = [...steps.values()].flatMap((s) => s.filter((x) => x.state === 'sent').map((x) => day(x.sentAt!))).sort();
    for (let i = 1; i < all.length; i++) expect(all[i]! >= addDays(all[i - 1]!, 3), `gap between ${all[i - 1]} and ${all[i]}`).toBe(true);

    // The dry run said what the engine did: each step sent on the day it showed, or skipped for its reason.
    const expected: string[] = [];
    const outcome: string[] = [];
    for (const item of sim.filter((i) => i.action !== 'escalate')) {
      const step = steps.get(item.invoiceId)?.find((s) => s.stepId === item.stepId);
      expected.push(`${label(item.invoiceId)} ${item.stepId} ${item.action === 'send' ? `sent ${day(item.at)}` : `skipped ${item.reason}`}`);
      outcome.push(`${label(item.invoiceId)} ${item.stepId} ${step?.state === 'sent' ? `sent ${day(step.sentAt!)}` : `${step?.state} ${step?.reason}`}`);
    }
    expect(outcome).toEqual(expected);
    expect(expected.filter((e) => e.includes(' sent ')).length).toBeGreaterThanOrEqual(20);
  });
});
