/**
 * The invoice's one-reminder-a-day slot after the tenant's time zone changes, over HTTP on the local stack (README
 * Known issue until 2026-11-28). One client, one invoice, a scenario of J+1 then a step one day after it, `minGapDays`
 * 0. J+1 goes Monday (or Tuesday) 09:00 Paris, the evening before in Tahiti; the owner then moves the tenant to
 * Tahiti, and the re-plan puts the next step on that Monday 09:00 Tahiti, the day after J+1's Tahiti day. The plan,
 * the dry run and the engine must agree: the slot compared the day stored in Paris (Monday) and moved it a day later.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { DEFAULT_SEND_CALENDAR, isSendDay, sendInstant } from '../../shared/domain/send-calendar.js';
import { startOfLocalDay } from '../../shared/domain/zoned-time.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday, runUntil } from './local-clock.js';

interface Step { stepId: string; state: string; scheduledAt?: string; sentAt?: string; expectedAt?: string; movedBy?: string; reason?: string }
interface SimItem { invoiceId: string; stepId: string; action: string; at?: string; reason?: string; plannedAt?: string }

const TAHITI = 'Pacific/Tahiti';
/** A Monday or Tuesday at least three days ahead whose day and the two days after are send days. */
const aDayAhead = (today: string) => {
  let d = addDays(today, 3);
  const ok = (day: string) => [1, 2].includes(new Date(`${day}T12:00:00Z`).getUTCDay()) && [0, 1, 2].every((k) => isSendDay(addDays(day, k), DEFAULT_SEND_CALENDAR));
  while (!ok(d)) d = addDays(d, 1);
  return d;
};

describe('the invoice’s daily slot after the tenant moved from Paris to Tahiti', () => {
  it('sends the next step on the day the plan and the dry run say, the Tahiti day after the last reminder', async () => {
    const t = await freshTenant('tzslot');
    await t.ok('PUT', '/settings', { company: aCompanyIdentity(), timezone: 'Europe/Paris', minGapDays: 0, groupByClient: false, litigationAfterDays: 0 });
    await t.ok('POST', '/scenarios', {
      id: 'court', name: 'Court',
      steps: [{ id: 'j+1', offsetDays: 1, anchor: 'due', templateId: 'reminder' }, { id: 'next', offsetDays: 1, anchor: 'previous', templateId: 'firm' }],
    });
    const today = parisToday();
    const day = aDayAhead(today);
    const email = uniqueEmail('tzslot');
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email, scenarioId: 'court' }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -20), dueDate: addDays(day, -1) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();
    const steps = async () => (await t.ok('GET', `/invoices/${draft.id}/reminders`)).items as Step[];
    const paris = { ...DEFAULT_SEND_CALENDAR, timeZone: 'Europe/Paris' };
    const firstAt = sendInstant(day, paris).toISOString();
    expect((await steps()).find((s) => s.stepId === 'j+1')?.scheduledAt).toBe(firstAt);

    await runUntil(new Date(Date.parse(firstAt) + 60_000), { tenant: t.tenantId });
    const first = (await steps()).find((s) => s.stepId === 'j+1');
    expect(first?.state).toBe('sent');
    // Monday (or Tuesday) 09:00 Paris is the evening before in Tahiti.
    expect(firstAt < startOfLocalDay(day, TAHITI).toISOString()).toBe(true);

    await t.ok('PUT', '/settings', { timezone: TAHITI });
    await t.drain();
    // The re-plan in Tahiti: the next step one Tahiti day after J+1's, on `day` 09:00 Tahiti.
    const expected = sendInstant(day, { ...DEFAULT_SEND_CALENDAR, timeZone: TAHITI }).toISOString();
    const planned = (await steps()).find((s) => s.stepId === 'next')!;
    expect(planned).toMatchObject({ state: 'scheduled', scheduledAt: expected });
    expect(planned.expectedAt).toBeUndefined();
    expect(planned.movedBy).toBeUndefined();
    const sim = (await t.ok('GET', `/reminders/simulation?from=${day}&to=${addDays(day, 4)}`)).items as SimItem[];
    const simNext = sim.find((i) => i.invoiceId === draft.id && i.stepId === 'next');
    expect(simNext).toMatchObject({ action: 'send', at: expected });
    expect(simNext?.reason).toBeUndefined();

    await runUntil(startOfLocalDay(addDays(day, 1), TAHITI), { tenant: t.tenantId });
    const sent = (await steps()).find((s) => s.stepId === 'next');
    expect(sent?.state, JSON.stringify(sent)).toBe('sent');
    expect(sent?.sentAt?.slice(0, 16)).toBe(expected.slice(0, 16));
    // The invoice's own email and the two reminders.
    expect((await inbox(email)).length).toBe(3);
  }, 120_000);
});
