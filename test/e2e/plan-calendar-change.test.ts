/**
 * The owner changes the send calendar (send hour, weekends, time zone) while a payment plan runs: the
 * plan's pending reminder steps are re-planned like the scenario's (they stayed at the old hour, and the
 * dry run said so). Over HTTP on the local stack, the stream re-planning every open invoice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { nextSendDay } from '../../shared/domain/send-calendar.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { dueDateAhead, parisToday, schedulesOf } from './local-clock.js';

interface Step {
  stepId: string;
  templateId: string;
  state: string;
  plan: number;
  scheduledAt?: string;
  instalment?: number;
}

const wall = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

let t: FreshTenant;
const today = parisToday();
// A Saturday at least 5 days ahead: instalments on the Tuesdays after it and two weeks later, so each
// courtesy reminder (3 days before) falls on a Saturday and each late one (3 days after) on a Friday.
let saturday = addDays(today, 5);
while (weekday(saturday) !== 6) saturday = addDays(saturday, 1);
const instalmentDates = [addDays(saturday, 3), addDays(saturday, 17)];

const steps = async (id: string): Promise<Step[]> => (await t.ok('GET', `/invoices/${id}/reminders`)).items;
const pending = async (id: string, which: 'plan' | 'scenario') =>
  (await steps(id)).filter((s) => s.state === 'scheduled' && (which === 'plan' ? s.plan >= 1000 : s.plan < 1000));

describe('a send calendar change while a payment plan runs', () => {
  let plain: string;
  let planned: string;

  beforeAll(async () => {
    t = await freshTenant('plan-calendar');
    await t.ok('PUT', '/settings', companySettings);
    // A plain invoice (the scenario's steps) and another under a payment plan, each for its own client.
    const b = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('plan-cal-b') }));
    const invoiceB = await t.ok('POST', '/invoices', anInvoiceInput(b.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const sent = await t.ok('POST', `/invoices/${invoiceB.id}/send`);
    const a = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('plan-cal-a') }));
    const invoiceA = await t.ok('POST', '/invoices', anInvoiceInput(a.id, { issueDate: today, dueDate: dueDateAhead(20) }));
    await t.ok('POST', `/invoices/${invoiceA.id}/send`);
    plain = invoiceA.id;
    await t.drain();
    const half = Math.floor(sent.balanceCents / 2);
    await t.ok('POST', `/invoices/${invoiceB.id}/payment-plan`, {
      instalments: [
        { dueDate: instalmentDates[0], amountCents: half },
        { dueDate: instalmentDates[1], amountCents: sent.balanceCents - half },
      ],
    });
    await t.drain();
    planned = invoiceB.id;
  });

  it('re-plans the plan’s steps to the new send hour, as the scenario’s, schedules and dry run included', async () => {
    const before = await pending(planned, 'plan');
    expect(before.map((s) => [s.templateId, s.instalment])).toEqual([
      ['instalment-courtesy', 0],
      ['instalment-late', 0],
      ['instalment-courtesy', 1],
      ['instalment-late', 1],
    ]);
    expect(before.map((s) => wall(s.scheduledAt!, 'Europe/Paris').slice(11))).toEqual(['09:00', '09:00', '09:00', '09:00']);
    // Weekends are skipped: each courtesy step goes on the Monday after its Saturday.
    expect(wall(before[0]!.scheduledAt!, 'Europe/Paris').slice(0, 10)).toBe(addDays(saturday, 2));

    expect((await t.call('PUT', '/settings', { sendHour: 18 })).status).toBe(200);
    await t.drain();
    const scenario = await pending(plain, 'scenario');
    expect(scenario.length).toBeGreaterThan(0);
    expect(scenario.map((s) => wall(s.scheduledAt!, 'Europe/Paris').slice(11))).toEqual(scenario.map(() => '18:00'));
    const after = await pending(planned, 'plan');
    expect(after.map((s) => s.stepId)).toEqual(before.map((s) => s.stepId));
    // Same days, the new hour.
    expect(after.map((s) => wall(s.scheduledAt!, 'Europe/Paris'))).toEqual(before.map((s) => `${wall(s.scheduledAt!, 'Europe/Paris').slice(0, 10)} 18:00`));
    // The Scheduler holds exactly the re-planned steps (and the plan check).
    const schedules = (await schedulesOf(planned)).filter((s) => s.input.stepId !== 'plan-check');
    expect(schedules.map((s) => s.input.scheduledAt).sort()).toEqual(after.map((s) => s.scheduledAt).sort());
    // The dry run shows them at the new hour too.
    const sim = (await t.ok('GET', `/reminders/simulation?from=${today}&to=${addDays(instalmentDates[1]!, 10)}`)).items as { invoiceId: string; stepId: string; at: string }[];
    const simulated = sim.filter((i) => i.invoiceId === planned && /^p\d/.test(i.stepId));
    expect(simulated.map((i) => [i.stepId, i.at])).toEqual(after.map((s) => [s.stepId, s.scheduledAt]));
  });

  it('re-plans them when weekends become send days, then when the time zone changes', async () => {
    expect((await t.call('PUT', '/settings', { skipWeekends: false, skipHolidays: false })).status).toBe(200);
    await t.drain();
    const open = await pending(planned, 'plan');
    // Each step on its own nominal day now: the courtesy ones on their Saturdays, the late ones on Fridays.
    const nominal = [addDays(instalmentDates[0]!, -3), addDays(instalmentDates[0]!, 3), addDays(instalmentDates[1]!, -3), addDays(instalmentDates[1]!, 3)];
    expect(open.map((s) => wall(s.scheduledAt!, 'Europe/Paris'))).toEqual(nominal.map((d) => `${d} 18:00`));

    expect((await t.call('PUT', '/settings', { timezone: 'America/Cayenne' })).status).toBe(200);
    await t.drain();
    const moved = await pending(planned, 'plan');
    expect(moved.map((s) => wall(s.scheduledAt!, 'America/Cayenne'))).toEqual(nominal.map((d) => `${d} 18:00`));
    const schedules = (await schedulesOf(planned)).filter((s) => s.input.stepId !== 'plan-check');
    expect(schedules.map((s) => s.input.scheduledAt).sort()).toEqual(moved.map((s) => s.scheduledAt).sort());

    // Weekends skipped again (and Saturdays' steps back on a send day), in Cayenne.
    expect((await t.call('PUT', '/settings', { skipWeekends: true })).status).toBe(200);
    await t.drain();
    const back = await pending(planned, 'plan');
    const calendar = { sendHour: 18, timeZone: 'America/Cayenne', skipWeekends: true, skipHolidays: false, region: 'guyane' as const };
    expect(back.map((s) => wall(s.scheduledAt!, 'America/Cayenne').slice(0, 10))).toEqual(nominal.map((d) => nextSendDay(d, calendar)));
    expect(localDate(new Date(back[0]!.scheduledAt!), 'America/Cayenne') < instalmentDates[0]!).toBe(true);
  });
});
