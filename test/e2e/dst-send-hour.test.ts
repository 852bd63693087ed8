/**
 * Summer time on the local stack: a Paris tenant sending at 02:00 every day (weekends included), with steps
 * on the spring-forward Sunday (28 Mar 2027, when 02:00 does not exist) and the fall-back Sunday (31 Oct
 * 2027, when it happens twice), and on Easter Monday (29 Mar 2027, a holiday). Each step goes out exactly
 * once, at 02:00 local (03:00 on the spring Sunday, the first instant after the gap; the first 02:00 in
 * the autumn), and when the dry run said it would.
 */
import { describe, expect, it } from 'vitest';
import { aCompanyIdentity, aConsumerClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, inbox, uniqueEmail } from './http.js';
import { runUntil } from './local-clock.js';

const TZ = 'Europe/Paris';

interface Step {
  stepId: string;
  state: string;
  reason?: string;
  sentAt?: string;
}

describe('steps on the summer time changes, at a 02:00 send hour', () => {
  it('go out once each, at 02:00 local (03:00 on the spring Sunday), as the dry run said', async () => {
    const t = await aFreshTenant('dst');
    expect((await t.put('/settings', { company: aCompanyIdentity(), timezone: TZ, sendHour: 2, skipWeekends: false, minGapDays: 1 })).status).toBe(200);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ }).format(new Date());
    // Consumers: no legal cap on the term, so due dates months ahead. Expected sends (UTC) of the steps on the changes.
    const cases = [
      { due: '2027-03-27', step: 'j+1', at: '2027-03-28T01:00' }, // 02:00 does not exist: 03:00 CEST
      { due: '2027-04-02', step: 'j-5', at: '2027-03-28T01:00' },
      { due: '2027-03-28', step: 'j+1', at: '2027-03-30T00:00' }, // Easter Monday skipped: Tuesday 02:00 CEST
      { due: '2027-10-30', step: 'j+1', at: '2027-10-31T00:00' }, // the first 02:00 (CEST)
      { due: '2027-11-05', step: 'j-5', at: '2027-10-31T00:00' },
      { due: '2027-10-31', step: 'j+1', at: '2027-11-02T01:00' }, // 1 Nov skipped: Tuesday 02:00 CET
    ];
    const invoices: { id: string; email: string; due: string; step: string; at: string }[] = [];
    for (const c of cases) {
      const email = uniqueEmail('dst');
      const client = await t.post('/clients', aConsumerClientInput({ email }));
      const draft = await t.post('/invoices', anInvoiceInput(client.json.id, { issueDate: today, dueDate: c.due }));
      expect(draft.status).toBe(201);
      expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
      invoices.push({ id: draft.json.id, email, ...c });
    }
    const dryRun = new Map<string, string>();
    for (const [from, to] of [['2027-03-15', '2027-05-15'], ['2027-10-15', '2027-12-31']]) {
      const sim = await t.get(`/reminders/simulation?from=${from}&to=${to}`);
      expect(sim.status).toBe(200);
      for (const s of sim.json.items as { invoiceId: string; stepId: string; action: string; at: string }[]) if (s.action === 'send') dryRun.set(`${s.invoiceId}/${s.stepId}`, s.at);
    }

    await runUntil(new Date('2027-12-15T00:00:00Z'), { tenant: t.tenant });

    for (const inv of invoices) {
      const steps = (await t.get(`/invoices/${inv.id}/reminders`)).json.items as Step[];
      const label = `invoice due ${inv.due}`;
      expect(steps.find((s) => s.stepId === inv.step)?.sentAt?.slice(0, 16), `${label} ${inv.step}`).toBe(inv.at);
      const sent = steps.filter((s) => s.state === 'sent');
      for (const s of sent) {
        const hour = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', hourCycle: 'h23' }).format(new Date(s.sentAt!));
        expect(hour === '02' || s.sentAt!.startsWith('2027-03-28T01:00'), `${label} ${s.stepId} at ${s.sentAt}`).toBe(true);
        const planned = dryRun.get(`${inv.id}/${s.stepId}`);
        if (planned) expect(s.sentAt!.slice(0, 16), `${label} ${s.stepId} as the dry run said`).toBe(planned.slice(0, 16));
      }
      // Exactly once each: the invoice's own email plus one per step sent.
      expect(await inbox(inv.email), label).toHaveLength(sent.length + 1);
      expect(steps.every((s) => ['sent', 'skipped', 'done'].includes(s.state)), `${label}: ${JSON.stringify(steps)}`).toBe(true);
    }
  }, 240_000);
});
