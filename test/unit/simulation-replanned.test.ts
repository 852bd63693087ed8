/**
 * The dry run after a client's scenario changed (a category bound to another scenario, or its own
 * scenario replaced by a shorter one): only the new plan's steps show; the old plan's steps past
 * the new scenario's length are history, never "skipped" sends still to come.
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/domain/settings.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSimulateReminders } from '../../shared/app/reminders/simulation.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { aClient, anInvoiceRecord, FakeClientRepository, FakeInvoiceRepository, FakeSettingsRepository, FakeStepRepository, FakeTenantDocuments, fixedClock } from '../fixtures/fakes.js';
import { FakeReminderScheduler } from '../fixtures/more-fakes.js';

const LONG: Scenario = {
  id: 'long',
  name: 'Grands comptes',
  steps: [
    { id: 'j+10', offsetDays: 10, anchor: 'due', templateId: 'reminder' },
    { id: 'j+30', offsetDays: 30, anchor: 'due', templateId: 'firm' },
  ],
};
const SHORT: Scenario = { id: 'short', name: 'Autre', steps: [{ id: 'j+2', offsetDays: 2, anchor: 'due', templateId: 'reminder' }] };

describe('the reminder simulation after the scenario changed to a shorter one', () => {
  it('shows the new plan only: no step of the replaced plan comes back as a skip', async () => {
    const clock = fixedClock('2026-03-02T08:00:00.000Z');
    const invoices = new FakeInvoiceRepository();
    const clients = new FakeClientRepository();
    const settings = new FakeSettingsRepository();
    const scenarios = new FakeTenantDocuments<Scenario>();
    const steps = new FakeStepRepository(invoices, clients);
    await settings.put('acme', { ...defaultSettings(), company: { name: 'Peinture Léa' } });
    await scenarios.put('acme', LONG);
    await scenarios.put('acme', SHORT);
    await clients.create('acme', aClient({ scenarioId: 'long' }));
    invoices.add(anInvoiceRecord({ dueDate: '2026-03-12', sentAt: '2026-03-02T08:00:00.000Z' }));
    const deps = { invoices, clients, settings, scenarios, steps, clock };
    const reconcile = makeReconcileSchedules({ ...deps, scheduler: new FakeReminderScheduler() });
    await reconcile('acme', 'inv1');
    // Plan 1: j+10, j+30 and the escalation (three positions).
    expect((await steps.list('acme', 'inv1')).map((r) => [r.plan, r.stepId])).toEqual([[1, 'j+10'], [1, 'j+30'], [1, 'escalate']]);

    await clients.replace('acme', aClient({ scenarioId: 'short' }), '');
    // Twice, as the stream does: the cancelled steps' own changes bring the invoice back for its new plan.
    for (let round = 0; round < 2; round++) await reconcile('acme', 'inv1');
    const recorded = await steps.list('acme', 'inv1');
    expect(recorded.filter((r) => r.plan === 2).map((r) => [r.stepId, r.state])).toEqual([['j+2', 'scheduled'], ['escalate', 'scheduled']]);

    const simulate = makeSimulateReminders({ invoices, clients, settings, scenarios, steps, clock });
    const out = await simulate('acme', { to: '2026-05-30' });
    expect(out.items.map((i) => [i.stepId, i.action])).toEqual([['j+2', 'send'], ['escalate', 'escalate']]);
  });
});
