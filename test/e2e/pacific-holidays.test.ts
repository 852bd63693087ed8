/**
 * New Caledonia and French Polynesia keep days off of their own (24 September; 5 March, Good Friday,
 * 20 November): a tenant there sets `region`, or its clients' postal codes (988xx, 987xx) say it, and no
 * reminder goes out on those days. Over HTTP on the local stack: the recorded plan and the dry run agree.
 */
import { describe, expect, it } from 'vitest';
import { localDate } from '../../shared/domain/dates.js';
import { aCompanyIdentity, aConsumerClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, uniqueEmail } from './http.js';

const wall = (instant: string, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

interface Step {
  stepId: string;
  state: string;
  scheduledAt?: string;
}

describe.each([
  // Thursday 23 Sep 2027: J+1 is Friday 24 Sep, New Caledonia's fête de la citoyenneté → Monday 27 Sep.
  { timeZone: 'Pacific/Noumea', region: 'nouvelle-caledonie', postalCode: '98800', dueDate: '2027-09-23', jPlus1: '2027-09-27' },
  // Thursday 4 Mar 2027: J+1 is Friday 5 Mar, the arrivée de l'Évangile in French Polynesia → Monday 8 Mar.
  { timeZone: 'Pacific/Tahiti', region: 'polynesie-francaise', postalCode: '98714', dueDate: '2027-03-04', jPlus1: '2027-03-08' },
  // Thursday 25 Mar 2027: J+1 is Good Friday, a holiday in French Polynesia (Easter Monday too) → Tuesday 30 Mar.
  { timeZone: 'Pacific/Tahiti', region: 'polynesie-francaise', postalCode: '98714', dueDate: '2027-03-25', jPlus1: '2027-03-30' },
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
