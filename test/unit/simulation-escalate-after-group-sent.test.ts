/**
 * The dry run's date of the move to litigation when the invoice's last step is covered by a firmer grouped
 * message (`skipped: group_sent`) after the client's gap carried it later. The engine re-plans the escalation
 * from that step's slot (`litigationAfterDays` after the day the carry put it on); the dry run counted from the
 * step's own day before the carry, showing the invoice reaching litigation a week before it does (found on the
 * local stack by comparing `GET /reminders/simulation` with what the clock then did: 22 against 29 December).
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/domain/settings.js';
import { localDate } from '../../shared/domain/dates.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSimulateReminders } from '../../shared/app/reminders/simulation.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { aClient, anInvoiceRecord, FakeClientRepository, FakeInvoiceRepository, FakeSettingsRepository, FakeStepRepository, FakeTenantDocuments, fixedClock } from '../fixtures/fakes.js';
import { FakeReminderScheduler } from '../fixtures/more-fakes.js';

// J+4, then a firm step 5 days after it (anchored on it), then the escalation 15 days after that.
const SHORT: Scenario = {
  id: 'short',
  name: 'Court',
  steps: [
    { id: 'j+4', offsetDays: 4, anchor: 'due', templateId: 'reminder' },
    { id: 'p5', offsetDays: 5, anchor: 'previous', templateId: 'firm' },
  ],
};

describe('the dry run of the escalation after a last step a grouped message covered', () => {
  it('dates the move to litigation from the slot the gap carried the covered step to, as the engine does', async () => {
    // Friday 27 November 2026, 17:00 Paris: the catch-up goes on Monday 30.
    const clock = fixedClock('2026-11-27T16:00:00.000Z');
    const invoices = new FakeInvoiceRepository();
    const clients = new FakeClientRepository();
    const settings = new FakeSettingsRepository();
    const scenarios = new FakeTenantDocuments<Scenario>();
    const steps = new FakeStepRepository(invoices, clients);
    await settings.put('acme', { ...defaultSettings(), company: { name: 'Peinture Léa' }, minGapDays: 5, groupByClient: true });
    await scenarios.put('acme', SHORT);
    await clients.create('acme', aClient({ scenarioId: 'short' }));
    // Long overdue: J+4 caught up on Monday 30 November, its firm step on Monday 7 December.
    invoices.add(anInvoiceRecord({ id: 'old', number: 'F-2026-0001', issueDate: '2026-09-26', dueDate: '2026-10-26', sentAt: '2026-11-27T15:00:00.000Z' }));
    // Due Saturday 28 November: J+4 (2 December) waits for the gap until Monday 7 December, where it goes in the old
    // invoice's firm message; its own firm step, carried to Monday 14 December, is covered by it (group_sent).
    invoices.add(anInvoiceRecord({ id: 'new', number: 'F-2026-0002', issueDate: '2026-10-29', dueDate: '2026-11-28', sentAt: '2026-11-27T15:00:00.000Z' }));
    const reconcile = makeReconcileSchedules({ invoices, clients, settings, scenarios, steps, clock, scheduler: new FakeReminderScheduler() });
    await reconcile('acme', 'old');
    await reconcile('acme', 'new');

    const simulate = makeSimulateReminders({ invoices, clients, settings, scenarios, steps, clock });
    const { items } = await simulate('acme', { from: '2026-11-27', to: '2027-01-31' });
    const of = (invoiceId: string) => items.filter((i) => i.invoiceId === invoiceId).map((i) => [i.stepId, i.action, localDate(new Date(i.at!), 'Europe/Paris'), i.reason]);
    expect(of('old')).toEqual([
      ['j+4', 'send', '2026-11-30', undefined],
      ['p5', 'send', '2026-12-07', undefined],
      ['escalate', 'escalate', '2026-12-22', undefined],
    ]);
    // The engine (send-reminder, then the re-plan) records p5 skipped on 14 December and the escalation 15 days later.
    expect(of('new')).toEqual([
      ['j+4', 'send', '2026-12-07', 'gap'],
      ['p5', 'skip', '2026-12-14', 'group_sent'],
      ['escalate', 'escalate', '2026-12-29', 'gap'],
    ]);
  });
});
