/**
 * README "Known issues" (fixed): grouping on, one invoice's payment-plan reminder and another invoice's
 * scenario step of the same client due at the same send time. A plan's reminder is never grouped, so the
 * two contend for the client's gap: the engine gave the window to whichever schedule fired first
 * (creation order on the local stack, any order on AWS) and the dry run followed its own list order.
 * Now the rule of the ungrouped window applies (ADR 0005, ADR 0006): the most overdue money takes it
 * (earliest due date, a plan's reminder its instalment's, then the more advanced step, then the number), the
 * scenario steps that go as one message ranking as their best member; the loser waits for the gap. The engine
 * and the dry run agree. test/e2e/plan-instalment-rank.test.ts has a plan's reminder winning.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

interface Item { invoiceId: string; stepId: string; action: string; at: string; reason?: string }
interface Step { stepId: string; state: string; scheduledAt?: string; sentAt?: string; reason?: string; plan: number }

const day = (instant: string) => localDate(new Date(instant), 'Europe/Paris');

/** An invoice of `clientId` due `daysLate` days ago, sent now; with a payment plan of one instalment in 3 days when `plan`. */
const anInvoice = async (t: FreshTenant, clientId: string, daysLate: number, plan: boolean): Promise<string> => {
  const today = parisToday();
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -40), dueDate: addDays(today, -daysLate) }));
  const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
  if (plan) await t.ok('POST', `/invoices/${draft.id}/payment-plan`, { instalments: [{ dueDate: addDays(today, 3), amountCents: sent.balanceCents }] });
  return draft.id as string;
};

describe('grouping on: a payment-plan reminder and another invoice’s step due at the same time', () => {
  it('gives the client’s window to the most overdue invoice whichever fires first, as the dry run shows', { timeout: 300_000 }, async () => {
    const t = await freshTenant('grouped-plan-tie');
    // Every day a send day; the plan's courtesy reminder 3 days before its instalment (today: at the next window, as the
    // scenario's caught-up J+1 of an overdue invoice); one message per client every 3 days; no litigation.
    await t.ok('PUT', '/settings', { ...companySettings, groupByClient: true, minGapDays: 3, planCourtesyDays: 3, skipWeekends: false, skipHolidays: false, litigationAfterDays: 0 });
    const today = parisToday();
    // Each client's first invoice is created (and its schedules named) first: an engine picking by fire order picks it.
    // Client 1: the payment plan's invoice first and less overdue, so the scenario's J+1 must win.
    const c1 = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('tie-one') }));
    const planLoses = await anInvoice(t, c1.id, 5, true);
    const scenarioWins = await anInvoice(t, c1.id, 20, false);
    // Client 2: the plan's invoice first and more overdue, but the money its reminder speaks of (the instalment, in 3 days)
    // is not due yet, while the other invoice is 5 days overdue: the scenario's J+1 must win (ADR 0006 addendum).
    const c2 = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('tie-two') }));
    const planOverdueLoses = await anInvoice(t, c2.id, 20, true);
    const lessOverdueWins = await anInvoice(t, c2.id, 5, false);
    await t.drain();
    await t.drain();
    const ids = [planLoses, scenarioWins, planOverdueLoses, lessOverdueWins];
    const firstOf = async (id: string, stepId: string) => ((await t.ok('GET', `/invoices/${id}/reminders`)).items as Step[]).find((s) => s.stepId === stepId && s.state === 'scheduled')!;
    // The tie: the plan's courtesy reminder and the other invoice's caught-up J+1 at the same instant.
    const tie1 = await firstOf(planLoses, 'p1-c1');
    expect((await firstOf(scenarioWins, 'j+1'))).toMatchObject({ scheduledAt: tie1.scheduledAt });
    const tie2 = await firstOf(planOverdueLoses, 'p1-c1');
    expect((await firstOf(lessOverdueWins, 'j+1'))).toMatchObject({ scheduledAt: tie2.scheduledAt });
    const tieDay = day(tie1.scheduledAt!);

    const until = addDays(today, 12);
    const sim = ((await t.ok('GET', `/reminders/simulation?to=${until}`)).items as Item[]).filter((i) => ids.includes(i.invoiceId));
    const simOn = (id: string, stepId: string) => sim.find((i) => i.invoiceId === id && i.stepId === stepId && i.reason !== 'payment_plan');
    expect(simOn(scenarioWins, 'j+1')).toMatchObject({ action: 'send' });
    expect(day(simOn(scenarioWins, 'j+1')!.at)).toBe(tieDay);
    expect(simOn(lessOverdueWins, 'j+1')).toMatchObject({ action: 'send' });
    expect(day(simOn(lessOverdueWins, 'j+1')!.at)).toBe(tieDay);
    expect(simOn(planOverdueLoses, 'p1-c1')).toMatchObject({ action: 'skip', reason: 'due_passed' });

    await runUntil(endOfDay(until), { tenant: t.tenantId });
    const steps = new Map<string, Step[]>();
    for (const id of ids) steps.set(id, (await t.ok('GET', `/invoices/${id}/reminders`)).items as Step[]);
    const sentOn = (id: string, stepId: string) => steps.get(id)!.find((s) => s.stepId === stepId && s.state === 'sent')?.sentAt;
    // The most overdue invoice took the window; the other waited for the gap (a courtesy reminder then too late: skipped).
    expect(day(sentOn(scenarioWins, 'j+1')!)).toBe(tieDay);
    expect(steps.get(planLoses)!.find((s) => s.stepId === 'p1-c1')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    expect(day(sentOn(lessOverdueWins, 'j+1')!)).toBe(tieDay);
    expect(steps.get(planOverdueLoses)!.find((s) => s.stepId === 'p1-c1')).toMatchObject({ state: 'skipped', reason: 'due_passed' });

    // The dry run said what the engine did: every send on the day it showed.
    const label = (id: string) => `#${ids.indexOf(id) + 1}`;
    const shown = sim.filter((i) => i.action === 'send').map((i) => `${label(i.invoiceId)} ${i.stepId} ${day(i.at)}`).sort();
    const done = ids.flatMap((id) => steps.get(id)!.filter((s) => s.state === 'sent' && day(s.sentAt!) <= until).map((s) => `${label(id)} ${s.stepId} ${day(s.sentAt!)}`)).sort();
    expect(done).toEqual(shown);
    expect(done.length).toBeGreaterThanOrEqual(4);
  });
});
