/**
 * Issue 13 §3: "after the last step of its scenario, an invoice unpaid for N days moves to litigation". Under a scenario
 * whose only step comes before the due date (a category's courtesy J-5 alone), an invoice sent once overdue has that step
 * skipped (`due_passed`): the `escalate` step, `litigationAfterDays` after the J-5, was in the past and caught up at once:
 * the invoice went to litigation on the next send day, two days after it was sent, the client never reminded. The
 * escalation now counts from the day the invoice was sent when none of its steps could go out.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

const today = parisToday();

describe('the escalation of an invoice none of whose steps could go out', () => {
  it('waits litigationAfterDays from the day the invoice was sent, not from a courtesy step it missed', async () => {
    const t = await freshTenant('escnone');
    await t.ok('PUT', '/settings', companySettings);
    const scenario = await t.ok('POST', '/scenarios', { name: 'Courtoisie seule', steps: [{ id: 'c', offsetDays: -5, templateId: 'courtesy' }] });
    await t.ok('PUT', `/scenarios/${scenario.id}`, { tags: ['doux'] });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('escnone'), tags: ['doux'] }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -60), dueDate: addDays(today, -30) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();

    const steps = (await t.ok('GET', `/invoices/${draft.id}/reminders`)).items as { stepId: string; state: string; reason?: string; scheduledAt?: string }[];
    expect(steps.find((s) => s.stepId === 'c')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    const escalate = steps.find((s) => s.stepId === 'escalate')!;
    expect(escalate.state).toBe('scheduled');
    // 15 days (the default litigationAfterDays) from today, on a send day: never before.
    expect(escalate.scheduledAt! >= `${addDays(today, 15)}T00:00:00`).toBe(true);

    // A week later it is still awaiting payment, not in litigation.
    await runUntil(endOfDay(addDays(today, 7)), { tenant: t.tenantId });
    expect((await t.ok('GET', `/invoices/${draft.id}`)).status).toBe('sent');
    // Unpaid past the escalation: litigation.
    await runUntil(endOfDay(addDays(today, 20)), { tenant: t.tenantId });
    expect((await t.ok('GET', `/invoices/${draft.id}`)).status).toBe('litigation');
  });
});
