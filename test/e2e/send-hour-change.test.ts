/**
 * The owner moves the send hour earlier while today's courtesy reminder (J-5) waits for the old hour:
 * its new time today has passed, yet it was never missed. Over HTTP on the local stack: it goes at the
 * next window (tomorrow at the new hour), once, before the due date; it was skipped `due_passed` for good.
 */
import { describe, expect, inject, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, inbox, uniqueEmail } from './http.js';
import { runUntil, schedulesOf } from './local-clock.js';

const hourIn = (timeZone: string) => Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
const wall = (instant: string, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

describe('the send hour moved earlier while a courtesy step waits for today', () => {
  it('sends J-5 at the next window at the new hour, once, before the due date', async () => {
    // A French zone where it is now between 02:00 and 21:59: 23:00 today is ahead, 01:00 today is past.
    const timeZone = ['Europe/Paris', 'America/Cayenne', 'Pacific/Noumea', 'Indian/Reunion', 'Pacific/Tahiti'].find((z) => hourIn(z) >= 2 && hourIn(z) <= 21)!;
    const t = await aFreshTenant('sendhour');
    expect((await t.put('/settings', { company: aCompanyIdentity(), timezone: timeZone, sendHour: 23, skipWeekends: false, skipHolidays: false })).status).toBe(200);
    const email = uniqueEmail('sendhour');
    const client = await t.post('/clients', aBusinessClientInput({ email }));
    const today = localDate(new Date(), timeZone);
    const due = addDays(today, 5);
    const draft = await t.post('/invoices', anInvoiceInput(client.json.id, { issueDate: today, dueDate: due }));
    expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
    const j5 = async () => {
      await fetch(`${inject('apiUrl')}/local/streams/drain`, { method: 'POST' });
      return ((await t.get(`/invoices/${draft.json.id}/reminders`)).json.items as { stepId: string; state: string; reason?: string; scheduledAt?: string; sentAt?: string }[]).find((s) => s.stepId === 'j-5')!;
    };
    expect(wall((await j5()).scheduledAt!, timeZone)).toBe(`${today} 23:00`);

    expect((await t.put('/settings', { sendHour: 1 })).status).toBe(200);
    const moved = await j5();
    expect(moved).toMatchObject({ state: 'scheduled' });
    expect(wall(moved.scheduledAt!, timeZone)).toBe(`${addDays(today, 1)} 01:00`);
    expect((await schedulesOf(draft.json.id)).filter((s) => s.input.stepId === 'j-5').map((s) => s.input.scheduledAt)).toEqual([moved.scheduledAt]);

    await runUntil(new Date(Date.parse(moved.scheduledAt!) + 3_600_000), { tenant: t.tenant, invoiceId: draft.json.id });
    const sent = await j5();
    expect(sent).toMatchObject({ state: 'sent', sentAt: expect.stringMatching(/^/) });
    expect(wall(sent.sentAt!, timeZone) < due).toBe(true);
    // The invoice's own email and the courtesy reminder: two messages, no more.
    expect(await inbox(email)).toHaveLength(2);
  }, 60_000);
});
