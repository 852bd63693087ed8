/**
 * README "Known issues" (fixed): "A plan's courtesy reminder can lose to another invoice's courtesy reminder that falls
 * due after its instalment." A payment plan's reminder and the client's other invoices' steps of the same send time
 * contended by their invoice's due date: an instalment due 01/12 on an invoice due 17/12 yielded to another invoice's
 * J-5 (due 03/12) sent that morning, was moved past the client's gap onto its instalment's date and skipped
 * `due_passed`. A plan's reminder now ranks by its instalment's date, the date the client must pay that money
 * (grouped-reminder.ts `rankDate`, ADR 0006 addendum), in the engine and the dry run alike.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

interface Item { invoiceId: string; stepId: string; action: string; at: string; reason?: string }
interface Step { stepId: string; state: string; scheduledAt?: string; sentAt?: string; reason?: string }

const day = (instant: string) => localDate(new Date(instant), 'Europe/Paris');

describe('a payment plan’s reminder against another invoice’s step due the same morning', () => {
  it('ranks by its instalment’s date, not its invoice’s: the instalment due first takes the window, as the dry run shows', { timeout: 300_000 }, async () => {
    const t = await freshTenant('plan-instalment-rank');
    // The README's example, shifted to today: every day a send day, the default gap (3 days) and courtesy (3 days before).
    await t.ok('PUT', '/settings', { ...companySettings, groupByClient: true, minGapDays: 3, planCourtesyDays: 3, skipWeekends: false, skipHolidays: false, litigationAfterDays: 0 });
    const today = parisToday();
    const tieDay = addDays(today, 1);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('plan-rank') }));
    // The other invoice (the README's "due 03/12") first: the local Scheduler fires its J-5 first, so an engine picking by
    // fire order would send it.
    const other = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -10), dueDate: addDays(today, 6) }));
    await t.ok('POST', `/invoices/${other.id}/send`);
    // The plan's invoice ("due 17/12") is due later, its one instalment ("01/12") before the other invoice's due date.
    const planned = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -10), dueDate: addDays(today, 20) }));
    const sent = await t.ok('POST', `/invoices/${planned.id}/send`);
    await t.ok('POST', `/invoices/${planned.id}/payment-plan`, { instalments: [{ dueDate: addDays(today, 4), amountCents: sent.balanceCents }] });
    await t.drain();
    await t.drain();
    const ids = [other.id as string, planned.id as string];
    const stepsOf = async (id: string) => (await t.ok('GET', `/invoices/${id}/reminders`)).items as Step[];
    // The tie: the instalment's courtesy reminder and the other invoice's J-5 at the same instant, the morning after today.
    const courtesy = (await stepsOf(planned.id)).find((s) => s.stepId === 'p1-c1' && s.state === 'scheduled')!;
    const j5 = (await stepsOf(other.id)).find((s) => s.stepId === 'j-5' && s.state === 'scheduled')!;
    expect(day(courtesy.scheduledAt!)).toBe(tieDay);
    expect(j5.scheduledAt).toBe(courtesy.scheduledAt);

    const until = addDays(today, 12);
    const sim = ((await t.ok('GET', `/reminders/simulation?to=${until}`)).items as Item[]).filter((i) => ids.includes(i.invoiceId));
    const simOn = (id: string, stepId: string) => sim.find((i) => i.invoiceId === id && i.stepId === stepId && i.reason !== 'payment_plan');
    expect(simOn(planned.id, 'p1-c1')).toMatchObject({ action: 'send' });
    expect(day(simOn(planned.id, 'p1-c1')!.at)).toBe(tieDay);
    expect(simOn(other.id, 'j-5')).toMatchObject({ action: 'send' });
    expect(day(simOn(other.id, 'j-5')!.at)).toBe(addDays(tieDay, 3));

    await runUntil(endOfDay(until), { tenant: t.tenantId });
    const steps = new Map<string, Step[]>();
    for (const id of ids) steps.set(id, await stepsOf(id));
    const sentOn = (id: string, stepId: string) => steps.get(id)!.find((s) => s.stepId === stepId && s.state === 'sent')?.sentAt;
    // The instalment is due first: its courtesy reminder went that morning (it was skipped `due_passed`); the other
    // invoice's J-5 waited for the gap and still went before its due date.
    expect(steps.get(planned.id)!.find((s) => s.stepId === 'p1-c1')).toMatchObject({ state: 'sent' });
    expect(day(sentOn(planned.id, 'p1-c1')!)).toBe(tieDay);
    expect(day(sentOn(other.id, 'j-5')!)).toBe(addDays(tieDay, 3));
    // The late reminder of the missed instalment (its date 3 days before the other invoice's) takes the window of that
    // invoice's J+1 too, which waits for the gap.
    expect(day(sentOn(planned.id, 'p1-l1')!)).toBe(addDays(today, 7));
    expect(day(sentOn(other.id, 'j+1')!)).toBe(addDays(today, 10));

    // The dry run said what the engine did: every send on the day it showed.
    const label = (id: string) => `#${ids.indexOf(id) + 1}`;
    const shown = sim.filter((i) => i.action === 'send').map((i) => `${label(i.invoiceId)} ${i.stepId} ${day(i.at)}`).sort();
    const done = ids.flatMap((id) => steps.get(id)!.filter((s) => s.state === 'sent' && day(s.sentAt!) <= until).map((s) => `${label(id)} ${s.stepId} ${day(s.sentAt!)}`)).sort();
    expect(done).toEqual(shown);
    expect(done.length).toBeGreaterThanOrEqual(4);
  });
});
