/**
 * `GET /invoices/{id}/reminders` says when a step the client rules push goes out (`expectedAt`, `movedBy`). It
 * looked for such moves 60 days ahead only: a step pushed further (grouping off, a client with several overdue
 * invoices and a long gap: ADR 0005's ninth invoice waits 61 days) was shown at its own date with no
 * `expectedAt`, the owner told "30/11" for a reminder that went out in February. The view now says the day the
 * dry run and the engine send it. So for the move to litigation a gap carries along: the view said the date it was
 * recorded with (15 days after J+15's own date) while the J+15 went later and the escalation 15 days after that.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

interface Step { stepId: string; state: string; scheduledAt?: string; expectedAt?: string; movedBy?: string; expectedSkip?: string; sentAt?: string; reason?: string }
interface Item { invoiceId: string; stepId: string; action: string; at: string }

const day = (instant: string) => localDate(new Date(instant), 'Europe/Paris');

describe('a step the client rules push more than 60 days ahead', () => {
  it('is shown on the day it goes out, and goes out that day', { timeout: 300_000 }, async () => {
    const t = await freshTenant('expected-horizon');
    // One message to the client every 30 days, each invoice on its own, every day a send day, no litigation.
    await t.ok('PUT', '/settings', { ...companySettings, minGapDays: 30, groupByClient: false, skipWeekends: false, skipHolidays: false, litigationAfterDays: 0 });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('expected-horizon') }));
    const today = parisToday();
    // The older invoice takes every window for its three reminders (ADR 0005): the newer one's J+1 waits about 90 days.
    const older = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    await t.ok('POST', `/invoices/${older.id}/send`);
    const newer = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -3) }));
    await t.ok('POST', `/invoices/${newer.id}/send`);
    await t.drain();

    const sim = (await t.ok('GET', `/reminders/simulation?to=${addDays(today, 180)}`)).items as Item[];
    const simJ1 = sim.find((i) => i.invoiceId === newer.id && i.stepId === 'j+1' && i.action === 'send');
    expect(simJ1, 'the dry run sends the newer invoice its J+1').toBeDefined();
    const j1Day = day(simJ1!.at);
    expect(j1Day > addDays(today, 61), `J+1 pushed past 60 days (${j1Day})`).toBe(true);

    const shown = ((await t.ok('GET', `/invoices/${newer.id}/reminders`)).items as Step[]).find((s) => s.stepId === 'j+1')!;
    expect(shown.state).toBe('scheduled');
    expect({ day: day(shown.expectedAt ?? shown.scheduledAt!), movedBy: shown.movedBy }).toEqual({ day: j1Day, movedBy: 'gap' });

    await runUntil(endOfDay(j1Day), { tenant: t.tenantId });
    const sent = ((await t.ok('GET', `/invoices/${newer.id}/reminders`)).items as Step[]).find((s) => s.stepId === 'j+1')!;
    expect({ state: sent.state, day: sent.sentAt && day(sent.sentAt) }).toEqual({ state: 'sent', day: j1Day });
  });

  it('shows the move to litigation on the day it happens when the gap pushed the reminders before it', { timeout: 300_000 }, async () => {
    const t = await freshTenant('expected-escalate');
    await t.ok('PUT', '/settings', { ...companySettings, minGapDays: 4, skipWeekends: false, skipHolidays: false });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('expected-escalate') }));
    const today = parisToday();
    // The overdue invoice's reminders caught up from now (J+1, then J+8 and J+15 a week apart) and the other's courtesy
    // J-5 a day or two after that J+8: the 4-day gap pushes the overdue invoice's J+15, and its escalation with it.
    const late = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    await t.ok('POST', `/invoices/${late.id}/send`);
    const soon = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -1), dueDate: addDays(today, 14) }));
    await t.ok('POST', `/invoices/${soon.id}/send`);
    await t.drain();

    const sim = (await t.ok('GET', `/reminders/simulation?to=${addDays(today, 120)}`)).items as Item[];
    const escalate = sim.find((i) => i.invoiceId === late.id && i.stepId === 'escalate' && i.action === 'escalate');
    expect(escalate, 'the dry run moves the invoice to litigation').toBeDefined();
    const shown = ((await t.ok('GET', `/invoices/${late.id}/reminders`)).items as Step[]).find((s) => s.stepId === 'escalate')!;
    expect(shown.state).toBe('scheduled');
    expect(day(shown.expectedAt ?? shown.scheduledAt!), `escalation shown ${JSON.stringify(shown)}`).toBe(day(escalate!.at));

    await runUntil(endOfDay(day(escalate!.at)), { tenant: t.tenantId });
    const done = ((await t.ok('GET', `/invoices/${late.id}/reminders`)).items as Step[]).find((s) => s.stepId === 'escalate')!;
    expect({ state: done.state, day: day(done.scheduledAt!) }).toEqual({ state: 'done', day: day(escalate!.at) });
  });

  it('shows a courtesy step the gap pushes onto its due date as not going out, in the plan and in the day’s overview', { timeout: 300_000 }, async () => {
    const t = await freshTenant('expected-skip');
    // Each invoice on its own, 5 days between two messages to the client, every day a send day.
    await t.ok('PUT', '/settings', { ...companySettings, minGapDays: 5, groupByClient: false, skipWeekends: false, skipHolidays: false });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('expected-skip') }));
    const today = parisToday();
    const late = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    await t.ok('POST', `/invoices/${late.id}/send`);
    await t.drain();
    // The overdue invoice's J+1, caught up at the next window, takes that day; the other invoice's J-5 falls the same
    // day and the 5-day gap pushes it onto its due date, where a courtesy reminder is skipped.
    const lateJ1 = ((await t.ok('GET', `/invoices/${late.id}/reminders`)).items as Step[]).find((s) => s.stepId === 'j+1')!;
    const window = day(lateJ1.scheduledAt!);
    const soon = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -1), dueDate: addDays(window, 5) }));
    await t.ok('POST', `/invoices/${soon.id}/send`);
    await t.drain();

    const courtesy = ((await t.ok('GET', `/invoices/${soon.id}/reminders`)).items as Step[]).find((s) => s.stepId === 'j-5')!;
    expect({ state: courtesy.state, day: day(courtesy.scheduledAt!), expectedSkip: courtesy.expectedSkip, expectedAt: courtesy.expectedAt })
      .toEqual({ state: 'scheduled', day: window, expectedSkip: 'due_passed', expectedAt: undefined });
    const overview = await t.ok('GET', `/overview?date=${window}`);
    const listed = (overview.reminders as { invoiceId: string; stepId: string; skippedBy?: string; postponedTo?: string }[]).find((r) => r.invoiceId === soon.id && r.stepId === 'j-5');
    expect(listed).toMatchObject({ skippedBy: 'due_passed' });
    expect(listed?.postponedTo).toBeUndefined();

    await runUntil(endOfDay(addDays(window, 6)), { tenant: t.tenantId });
    const after = (await t.ok('GET', `/invoices/${soon.id}/reminders`)).items as Step[];
    expect(after.find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    expect(after.find((s) => s.stepId === 'j+1')).toMatchObject({ state: 'sent' });
  });
});
