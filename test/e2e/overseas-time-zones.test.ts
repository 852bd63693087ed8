/**
 * Tenants far from Paris (an artisan in Nouméa, Martinique, or on a Pacific date line), on the local
 * stack over HTTP. The engine's position table, run in the tenant's own zone: every step at the send
 * hour local, on a local business day, one per invoice per local day, J-5 before the local due date.
 * And the read side at the day boundary: "today" is the tenant's date, not UTC's nor Paris's, for
 * lateness in the cockpit, the follow-up list, the client row and the statement.
 */
import { describe, expect, inject, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, uniqueEmail } from './http.js';
import { runUntil } from './local-clock.js';

const wall = (instant: string, timeZone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), weekday: parts.weekday as string };
};

interface Step {
  stepId: string;
  index: number;
  state: string;
  beforeDue: boolean;
  sentAt?: string;
  reason?: string;
}

const tenantIn = async (label: string, settings: Record<string, unknown>) => {
  const t = await aFreshTenant(label);
  const res = await t.put('/settings', { company: aCompanyIdentity(), minGapDays: 3, ...settings });
  expect(res.status).toBe(200);
  return t;
};

describe.each([
  { timeZone: 'Pacific/Noumea', region: 'metropole', sendHour: 8 },
  { timeZone: 'America/Martinique', region: 'martinique', sendHour: 20 },
])('the position table in $timeZone at $sendHour:00', ({ timeZone, region, sendHour }) => {
  it('sends each step at the local send hour on a local business day, in order, one a day, J-5 before the local due date', async () => {
    const t = await tenantIn('overseas', { timezone: timeZone, region, sendHour });
    const today = localDate(new Date(), timeZone);
    const invoices: { id: string; due: string }[] = [];
    // Days after the due date when sent; in issue-date order, as numbering requires.
    for (const position of [12, 5, 1, 0, -1, -3, -30]) {
      const client = (await t.post('/clients', aBusinessClientInput({ email: uniqueEmail(`tz${position}`) }))).json.id as string;
      const due = addDays(today, -position);
      const draft = await t.post('/invoices', anInvoiceInput(client, { issueDate: [addDays(due, -30), today].sort()[0], dueDate: due }));
      expect(draft.status).toBe(201);
      expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
      invoices.push({ id: draft.json.id, due });
    }
    await runUntil(new Date(Date.now() + 70 * 86_400_000), { tenant: t.tenant });

    for (const inv of invoices) {
      const steps = (await t.get(`/invoices/${inv.id}/reminders`)).json.items as Step[];
      const label = `invoice due ${inv.due} (${timeZone})`;
      for (const s of steps) {
        expect(['sent', 'skipped', 'cancelled', 'failed', 'done'], `${label} ${s.stepId}`).toContain(s.state);
        if (s.state !== 'sent') expect(s.reason, `${label} ${s.stepId}`).toBeTruthy();
        if (s.beforeDue && inv.due <= today) expect(s, label).toMatchObject({ state: 'skipped', reason: 'due_passed' });
      }
      const sent = steps.filter((s) => s.state === 'sent').sort((a, b) => a.sentAt!.localeCompare(b.sentAt!));
      expect(sent.length, label).toBeGreaterThanOrEqual(3);
      sent.forEach((s, i) => i > 0 && expect(s.index, label).toBeGreaterThan(sent[i - 1]!.index));
      for (const s of sent) {
        const at = wall(s.sentAt!, timeZone);
        expect(at.hour, `${label} ${s.stepId} at ${s.sentAt}`).toBe(sendHour);
        expect(['Sat', 'Sun'], `${label} ${s.stepId} at ${s.sentAt}`).not.toContain(at.weekday);
        if (s.beforeDue) expect(at.date < inv.due, `${label} ${s.stepId} at ${s.sentAt}`).toBe(true);
      }
      const days = sent.map((s) => wall(s.sentAt!, timeZone).date);
      expect(new Set(days).size, label).toBe(days.length);
    }
  }, 180_000);
});

describe('lateness counted from the tenant\'s own date', () => {
  it('an invoice due yesterday in the tenant\'s zone is 1 day late everywhere, one due today is not late, whatever UTC says', async () => {
    // A zone whose date differs from UTC's right now: ahead of it after 10:00 UTC, behind it before 11:00 UTC.
    const timeZone = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    const t = await tenantIn('dateline', { timezone: timeZone });
    const today = localDate(new Date(), timeZone);
    expect(today).not.toBe(new Date().toISOString().slice(0, 10));
    const client = (await t.post('/clients', aBusinessClientInput({ email: uniqueEmail('dateline') }))).json.id as string;
    const invoice = async (dueDate: string, unitPriceCents: number) => {
      const draft = await t.post('/invoices', anInvoiceInput(client, { issueDate: addDays(today, -20), dueDate, lines: [{ description: 'Travaux', quantity: 1, unitPriceCents, vatRate: 0 }] }));
      expect(draft.status).toBe(201);
      expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
      return draft.json.id as string;
    };
    const late = await invoice(addDays(today, -1), 10_000);
    const dueToday = await invoice(today, 20_000);
    await fetch(`${inject('apiUrl')}/local/streams/drain`, { method: 'POST' });

    const cockpit = (await t.get('/cockpit')).json;
    expect(cockpit).toMatchObject({ asOf: today, outstandingCents: 30_000, overdueCents: 10_000, overdueInvoices: 1 });
    expect(cockpit.aging.find((b: { bucket: string }) => b.bucket === '1_30')).toMatchObject({ balanceCents: 10_000, count: 1 });
    expect(cockpit.aging.find((b: { bucket: string }) => b.bucket === 'not_due')).toMatchObject({ balanceCents: 20_000, count: 1 });

    const overdue = (await t.get('/invoices?overdue=true')).json.items as { id: string; daysLate: number }[];
    expect(overdue.map((i) => [i.id, i.daysLate])).toEqual([[late, 1]]);
    const dueNow = (await t.get('/invoices?dueWithinDays=0')).json.items as { id: string }[];
    expect(dueNow.map((i) => i.id)).toEqual([dueToday]);

    const [row] = (await t.get('/clients')).json.items;
    expect(row).toMatchObject({ balanceCents: 30_000, overdueCents: 10_000, oldestDaysLate: 1 });
    const statement = (await t.get(`/clients/${client}/statement`)).json;
    expect(statement).toMatchObject({ asOf: today, balanceCents: 30_000, overdueCents: 10_000 });
  }, 60_000);
});
