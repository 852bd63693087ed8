/**
 * A tenant whose reminders go out at 00:00 (settings `sendHour: 0`, here in Nouméa) pauses an overdue
 * invoice until a date: the reminders resume on that date, at its 00:00 send window. The resume used
 * to fire at 00:00 itself, so the plan it recorded a moment later found that day's window just past
 * and caught up the next day: every dated pause (and a client's promise) of such a tenant held the
 * reminders one day longer than asked. The dry run shows the same day the engine uses.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, uniqueEmail } from './http.js';
import { runUntil } from './local-clock.js';

const timeZone = 'Pacific/Noumea';
const wall = (instant: string) => ({
  date: localDate(new Date(instant), timeZone),
  hour: Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(instant))),
});

interface Step { stepId: string; plan: number; state: string; scheduledAt?: string; sentAt?: string }

describe('a dated pause of a tenant sending at 00:00', () => {
  it('resumes the reminders on the pause’s date at 00:00, not a day later', async () => {
    const t = await aFreshTenant('midnight');
    expect((await t.put('/settings', { company: aCompanyIdentity(), timezone: timeZone, sendHour: 0, skipWeekends: false, skipHolidays: false })).status).toBe(200);
    const today = localDate(new Date(), timeZone);
    const clientId = (await t.post('/clients', aBusinessClientInput({ email: uniqueEmail('midnight') }))).json.id as string;
    const draft = await t.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -33), dueDate: addDays(today, -3) }));
    expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
    const invoiceId = draft.json.id as string;
    const until = addDays(today, 6);
    expect((await t.post(`/invoices/${invoiceId}/pause`, { until, reason: 'congés' })).status).toBe(200);

    const sim = await t.get(`/reminders/simulation?from=${today}&to=${addDays(today, 20)}`);
    expect(sim.status).toBe(200);
    const firstSimulated = (sim.json.items as { invoiceId: string; action: string; stepId: string; at: string }[]).find((i) => i.invoiceId === invoiceId && i.action === 'send');
    expect(firstSimulated && { stepId: firstSimulated.stepId, ...wall(firstSimulated.at) }).toEqual({ stepId: 'j+1', date: until, hour: 0 });

    await runUntil(new Date(Date.now() + 10 * 86_400_000), { tenant: t.tenant, invoiceId });
    const steps = (await t.get(`/invoices/${invoiceId}/reminders`)).json.items as Step[];
    const j1 = steps.find((s) => s.stepId === 'j+1' && s.state === 'sent');
    expect(j1, JSON.stringify(steps)).toBeDefined();
    expect(wall(j1!.sentAt!)).toEqual({ date: until, hour: 0 });
  }, 120_000);
});
