/**
 * New Caledonia and French Polynesia keep days off of their own (24 September; 5 March, Good Friday,
 * 20 November): a tenant there sets `region`, or its clients' postal codes (988xx, 987xx) say it, and no
 * reminder goes out on those days (each case in the next year it is more than a week ahead). Over HTTP on the local stack: the recorded plan and the dry run agree.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate, weekday } from '../../shared/domain/dates.js';
import { easterSunday } from '../../shared/domain/holidays.js';
import { aCompanyIdentity, aConsumerClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, uniqueEmail } from './http.js';

const wall = (instant: string, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

interface Step {
  stepId: string;
  state: string;
  scheduledAt?: string;
}

/** The first year whose `date(year)` is more than a week after today in Paris: the cases hold on any date. */
const nextYearOf = (date: (year: number) => string): string => {
  const today = localDate(new Date(), 'Europe/Paris');
  const year = Number(today.slice(0, 4));
  return addDays(date(year), -7) > today ? date(year) : date(year + 1);
};
/** The next weekday after `date` that is not in `holidays`: when J+1, on a holiday, goes instead. */
const nextWorkingDay = (date: string, holidays: readonly string[] = []): string => {
  let d = addDays(date, 1);
  while (weekday(d) === 0 || weekday(d) === 6 || holidays.includes(d)) d = addDays(d, 1);
  return d;
};
const citizenship = nextYearOf((y) => `${y}-09-24`); // New Caledonia's fête de la citoyenneté
const gospel = nextYearOf((y) => `${y}-03-05`); // French Polynesia's arrivée de l'Évangile
const goodFriday = nextYearOf((y) => addDays(easterSunday(y), -2)); // a holiday in French Polynesia, Easter Monday too

describe.each([
  // The day before 24 Sep: J+1 falls on the holiday and moves to the next working day (Monday 27 Sep in 2027).
  { timeZone: 'Pacific/Noumea', region: 'nouvelle-caledonie', postalCode: '98800', dueDate: addDays(citizenship, -1), jPlus1: nextWorkingDay(citizenship) },
  // The day before 5 Mar (Monday 8 Mar in 2027).
  { timeZone: 'Pacific/Tahiti', region: 'polynesie-francaise', postalCode: '98714', dueDate: addDays(gospel, -1), jPlus1: nextWorkingDay(gospel) },
  // Maundy Thursday: J+1 is Good Friday, then the weekend and Easter Monday → Tuesday (30 Mar in 2027).
  { timeZone: 'Pacific/Tahiti', region: 'polynesie-francaise', postalCode: '98714', dueDate: addDays(goodFriday, -1), jPlus1: nextWorkingDay(goodFriday, [addDays(goodFriday, 3)]) },
])('a tenant in $timeZone, an invoice due $dueDate', ({ timeZone, region, postalCode, dueDate, jPlus1 }) => {
  it.each([
    { how: 'the settings’ region', settings: { region }, clientPostalCode: '75011' },
    { how: 'the client’s postal code', settings: {}, clientPostalCode: postalCode },
  ])('moves J+1 off the local holiday by $how, in the plan and in the dry run', async ({ settings, clientPostalCode }) => {
    const t = await aFreshTenant('pacific');
    const put = await t.put('/settings', { company: aCompanyIdentity(), timezone: timeZone, sendHour: 8, ...settings });
    expect(put.status).toBe(200);
    const client = await t.post('/clients', aConsumerClientInput({ email: uniqueEmail('pacific'), address: { line1: '3 rue', postalCode: clientPostalCode, city: 'X' } }));
    expect(client.status).toBe(201);
    const today = localDate(new Date(), timeZone);
    const draft = await t.post('/invoices', anInvoiceInput(client.json.id, { issueDate: today, dueDate }));
    expect(draft.status).toBe(201);
    expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);

    let steps: Step[] = [];
    for (let i = 0; i < 50 && !steps.some((s) => s.stepId === 'j+1' && s.scheduledAt); i++) {
      steps = (await t.get(`/invoices/${draft.json.id}/reminders`)).json.items;
      if (!steps.some((s) => s.stepId === 'j+1' && s.scheduledAt)) await new Promise((r) => setTimeout(r, 100));
    }
    const j1 = steps.find((s) => s.stepId === 'j+1')!;
    expect(wall(j1.scheduledAt!, timeZone)).toBe(`${jPlus1} 08:00`);

    const sim = await t.get(`/reminders/simulation?from=${dueDate}&to=${jPlus1}`);
    expect(sim.status).toBe(200);
    const simulated = (sim.json.items as { invoiceId: string; stepId: string; action: string; at: string }[]).find((s) => s.invoiceId === draft.json.id && s.stepId === 'j+1');
    expect(simulated).toMatchObject({ action: 'send', at: j1.scheduledAt });
  }, 60_000);
});
