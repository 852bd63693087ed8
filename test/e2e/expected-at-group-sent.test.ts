/**
 * What an invoice's plan says against what the engine does, for a step the client rules first move to a later day
 * (the client's gap) where a firmer grouped message then stands for it (`skipped: group_sent`). The dry run knew
 * (`GET /reminders/simulation`: skip, at the later day), but `GET /invoices/{id}/reminders` (and the morning overview,
 * from the same computation) showed the step going out on its own day, when nothing went to the client; its invoice
 * goes out in the grouped message of the later day. Seen on the local stack with two clients of six invoices each.
 * Weekends and holidays are off and every step lies ahead, so the days are the same whenever the test runs.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, uniqueEmail } from './http.js';
import { parisToday, runUntil, schedulesOf } from './local-clock.js';

interface Step {
  stepId: string;
  state: string;
  scheduledAt?: string;
  sentAt?: string;
  reason?: string;
  expectedAt?: string;
  expectedSkip?: string;
  movedBy?: string;
}

const paris = (instant: string) => localDate(new Date(instant), 'Europe/Paris');

describe('a step moved onto a firmer grouped message', () => {
  it('is shown on the day its invoice goes out in that message, not on its own day', async () => {
    const t = await aFreshTenant('group-sent-moved');
    expect((await t.put('/settings', { company: aCompanyIdentity(), groupByClient: true, minGapDays: 3, skipWeekends: false, skipHolidays: false })).status).toBe(200);
    const today = parisToday();
    const one = (await t.post('/clients', aBusinessClientInput({ email: uniqueEmail('gsm-1') }))).json.id as string;
    const two = (await t.post('/clients', aBusinessClientInput({ email: uniqueEmail('gsm-2') }))).json.id as string;
    const invoices: { id: string; number: string }[] = [];
    // Due 1 to 58 days ahead, all issued today: every step is in the future, none caught up.
    for (const [days, client] of [[1, one], [11, two], [21, one], [29, one], [36, two], [39, one], [41, one], [44, two], [47, one], [51, one], [55, two], [58, one]] as const) {
      const draft = await t.post('/invoices', anInvoiceInput(client, { issueDate: today, dueDate: addDays(today, days) }));
      expect(draft.status).toBe(201);
      const sent = await t.post(`/invoices/${draft.json.id}/send`);
      expect(sent.status).toBe(200);
      invoices.push({ id: draft.json.id, number: sent.json.number });
    }
    await schedulesOf(invoices[0]!.id); // drains the stream: every plan is recorded

    const shown = new Map<string, string>();
    for (const inv of invoices) {
      for (const s of (await t.get(`/invoices/${inv.id}/reminders`)).json.items as Step[]) {
        if (s.state === 'scheduled' && !s.expectedSkip) shown.set(`${inv.number} ${s.stepId}`, paris(s.expectedAt ?? s.scheduledAt!));
      }
    }
    await runUntil(new Date(Date.now() + 120 * 86_400_000), { tenant: t.tenant });

    const covered: string[] = [];
    for (const inv of invoices) {
      for (const s of (await t.get(`/invoices/${inv.id}/reminders`)).json.items as Step[]) {
        const key = `${inv.number} ${s.stepId}`;
        if (!shown.has(key)) continue;
        // Sent: on the day shown. Covered by a grouped message: its invoice went out on the day shown, in that message.
        if (s.state === 'sent') expect(paris(s.sentAt!), key).toBe(shown.get(key));
        if (s.state === 'skipped' && s.reason === 'group_sent') {
          expect(paris(s.scheduledAt!), key).toBe(shown.get(key));
          covered.push(key);
        }
      }
    }
    // The case of the fix happens here: firmer grouped messages stood for some steps.
    expect(covered.length).toBeGreaterThan(0);
  }, 180_000);
});
