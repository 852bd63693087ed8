/**
 * The client's gap after the tenant's time zone changes, over HTTP on the local stack (README Known issue until
 * 2026-11-28). One client, two invoices, `minGapDays` 3, grouping off. The first reminder goes Monday 09:00 Paris
 * (Sunday 22:00 in Tahiti); the owner then moves the tenant to Tahiti. The second invoice's J+1 is planned for
 * Wednesday 09:00 Tahiti, three Tahiti days after Sunday, and the plan, the dry run and the engine must agree: the
 * send path compared the date stored in Paris (Monday) and moved it to Thursday, the dry run said Thursday too.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { DEFAULT_SEND_CALENDAR, isSendDay, sendInstant } from '../../shared/domain/send-calendar.js';
import { startOfLocalDay } from '../../shared/domain/zoned-time.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

interface Step { stepId: string; state: string; scheduledAt?: string; sentAt?: string; expectedAt?: string; movedBy?: string; reason?: string }
interface SimItem { invoiceId: string; stepId: string; action: string; at?: string; reason?: string; plannedAt?: string }

const TAHITI = 'Pacific/Tahiti';
/** A Monday or Tuesday at least three days ahead whose day, and the two days two and three days on, are send days. */
const aDayAhead = (today: string) => {
  let d = addDays(today, 3);
  const ok = (day: string) => [1, 2].includes(new Date(`${day}T12:00:00Z`).getUTCDay()) && [0, 2, 3].every((k) => isSendDay(addDays(day, k), DEFAULT_SEND_CALENDAR));
  while (!ok(d)) d = addDays(d, 1);
  return d;
};

describe('the client gap after the tenant moved from Paris to Tahiti', () => {
  it('sends the second invoice’s step on the day the plan and the dry run say, a Tahiti gap after the first', async () => {
    const t = await freshTenant('tzgap');
    await t.ok('PUT', '/settings', { company: aCompanyIdentity(), timezone: 'Europe/Paris', minGapDays: 3, groupByClient: false, litigationAfterDays: 0 });
    await t.ok('POST', '/scenarios', { id: 'court', name: 'Court', steps: [{ id: 'j+1', offsetDays: 1, anchor: 'due', templateId: 'reminder' }] });
    const today = parisToday();
    const day = aDayAhead(today);
    const email = uniqueEmail('tzgap');
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email, scenarioId: 'court' }));
    // A's J+1 on `day` (Monday or Tuesday) 09:00 Paris; B's on `day` + 2.
    const ids: string[] = [];
    for (const due of [addDays(day, -1), addDays(day, 1)]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -20), dueDate: due }));
      await t.ok('POST', `/invoices/${draft.id}/send`);
      ids.push(draft.id);
    }
    const [a, b] = ids as [string, string];
    await t.drain();
    const steps = async (id: string) => (await t.ok('GET', `/invoices/${id}/reminders`)).items as Step[];
    const paris = { ...DEFAULT_SEND_CALENDAR, timeZone: 'Europe/Paris' };
    const firstAt = sendInstant(day, paris).toISOString();
    expect((await steps(a)).find((s) => s.stepId === 'j+1')?.scheduledAt).toBe(firstAt);

    await runUntil(endOfDay(day), { tenant: t.tenantId });
    const first = (await steps(a)).find((s) => s.stepId === 'j+1');
    expect(first?.state).toBe('sent');
    expect(first?.sentAt?.slice(0, 16)).toBe(firstAt.slice(0, 16));
    // Monday (or Tuesday) 09:00 Paris is the evening before in Tahiti.
    expect(firstAt < startOfLocalDay(day, TAHITI).toISOString()).toBe(true);

    await t.ok('PUT', '/settings', { timezone: TAHITI });
    await t.drain();
    // The re-plan in Tahiti: B's J+1 at 09:00 Tahiti on `day` + 2, three Tahiti days after the first message.
    const expected = sendInstant(addDays(day, 2), { ...DEFAULT_SEND_CALENDAR, timeZone: TAHITI }).toISOString();
    const planned = (await steps(b)).find((s) => s.stepId === 'j+1')!;
    expect(planned).toMatchObject({ state: 'scheduled', scheduledAt: expected });
    // The plan shown does not say it will go later (it said Thursday, `movedBy: gap`).
    expect(planned.expectedAt).toBeUndefined();
    expect(planned.movedBy).toBeUndefined();
    const sim = (await t.ok('GET', `/reminders/simulation?from=${addDays(day, 1)}&to=${addDays(day, 6)}`)).items as SimItem[];
    const simB = sim.find((i) => i.invoiceId === b && i.stepId === 'j+1');
    expect(simB).toMatchObject({ action: 'send', at: expected });
    expect(simB?.reason).toBeUndefined();

    await runUntil(new Date(startOfLocalDay(addDays(day, 5), TAHITI)), { tenant: t.tenantId });
    const sent = (await steps(b)).find((s) => s.stepId === 'j+1');
    expect(sent?.state).toBe('sent');
    expect(sent?.sentAt?.slice(0, 16), JSON.stringify(sent)).toBe(expected.slice(0, 16));
    // The invoices' own emails and one reminder each.
    expect((await inbox(email)).length).toBe(4);
  }, 120_000);
});
