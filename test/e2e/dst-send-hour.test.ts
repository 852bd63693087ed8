/**
 * Summer time on the local stack: a Paris tenant sending at 02:00 every day (weekends included), with steps
 * on the spring-forward Sunday (the last of March, when 02:00 does not exist) and the fall-back Sunday (the
 * last of October, when it happens twice), and on the Monday after each (a holiday when it is Easter Monday,
 * as on 29 Mar 2027, or 1 November, as in 2027). Each step goes out exactly once, at 02:00 local (03:00 on
 * the spring Sunday, the first instant after the gap; the first 02:00 in the autumn), and when the dry run
 * said it would. The year is the next whose spring change is more than two weeks ahead, so the test holds
 * on any date.
 */
import { describe, expect, it } from 'vitest';
import { addDays, weekday } from '../../shared/domain/dates.js';
import { easterSunday } from '../../shared/domain/holidays.js';
import { aCompanyIdentity, aConsumerClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, inbox, uniqueEmail } from './http.js';
import { runUntil } from './local-clock.js';

const TZ = 'Europe/Paris';

/** The last Sunday of a month. */
const lastSunday = (year: number, month: number): string => {
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return addDays(last, -weekday(last));
};

/**
 * The steps on the clock changes of the first year whose spring change is more than 14 days after
 * `today`, with their expected send instants (UTC, to the minute). Paris: CEST from 01:00 UTC on the
 * spring Sunday, CET from 01:00 UTC on the autumn one.
 */
const casesAfter = (today: string) => {
  let year = Number(today.slice(0, 4));
  if (addDays(lastSunday(year, 3), -14) <= today) year += 1;
  const spring = lastSunday(year, 3);
  const autumn = lastSunday(year, 10);
  // The Monday after the spring change is Easter Monday in some years (2027), a holiday: Tuesday then.
  const springMonday = addDays(spring, 1) === addDays(easterSunday(year), 1) ? addDays(spring, 2) : addDays(spring, 1);
  // The Monday after the autumn change is All Saints' Day when the change is on 31 October (2027): Tuesday then.
  const autumnMonday = addDays(autumn, 1) === `${year}-11-01` ? addDays(autumn, 2) : addDays(autumn, 1);
  return {
    year,
    spring,
    cases: [
      { due: addDays(spring, -1), step: 'j+1', at: `${spring}T01:00` }, // 02:00 does not exist: 03:00 CEST
      { due: addDays(spring, 5), step: 'j-5', at: `${spring}T01:00` },
      { due: spring, step: 'j+1', at: `${springMonday}T00:00` }, // 02:00 CEST
      { due: addDays(autumn, -1), step: 'j+1', at: `${autumn}T00:00` }, // the first 02:00 (CEST)
      { due: addDays(autumn, 5), step: 'j-5', at: `${autumn}T00:00` },
      { due: autumn, step: 'j+1', at: `${autumnMonday}T01:00` }, // 02:00 CET
    ],
  };
};

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
    const { year, spring, cases } = casesAfter(today);
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
    for (const [from, to] of [[addDays(spring, -13), `${year}-05-15`], [`${year}-10-15`, `${year}-12-31`]]) {
      const sim = await t.get(`/reminders/simulation?from=${from}&to=${to}`);
      expect(sim.status).toBe(200);
      for (const s of sim.json.items as { invoiceId: string; stepId: string; action: string; at: string }[]) if (s.action === 'send') dryRun.set(`${s.invoiceId}/${s.stepId}`, s.at);
    }

    await runUntil(new Date(`${year}-12-15T00:00:00Z`), { tenant: t.tenant });

    for (const inv of invoices) {
      const steps = (await t.get(`/invoices/${inv.id}/reminders`)).json.items as Step[];
      const label = `invoice due ${inv.due}`;
      expect(steps.find((s) => s.stepId === inv.step)?.sentAt?.slice(0, 16), `${label} ${inv.step}`).toBe(inv.at);
      const sent = steps.filter((s) => s.state === 'sent');
      for (const s of sent) {
        const hour = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', hourCycle: 'h23' }).format(new Date(s.sentAt!));
        expect(hour === '02' || s.sentAt!.startsWith(`${spring}T01:00`), `${label} ${s.stepId} at ${s.sentAt}`).toBe(true);
        const planned = dryRun.get(`${inv.id}/${s.stepId}`);
        if (planned) expect(s.sentAt!.slice(0, 16), `${label} ${s.stepId} as the dry run said`).toBe(planned.slice(0, 16));
      }
      // Exactly once each: the invoice's own email plus one per step sent.
      expect(await inbox(inv.email), label).toHaveLength(sent.length + 1);
      expect(steps.every((s) => ['sent', 'skipped', 'done'].includes(s.state)), `${label}: ${JSON.stringify(steps)}`).toBe(true);
    }
  }, 240_000);
});
