/**
 * The escalation step and the re-plan that follows it. The fire records the step `done`, then moves
 * the invoice to litigation: a re-plan (the stream) running between the two writes sees an escalation
 * done on an invoice not in litigation. That is not an invoice taken back: no new escalation is
 * planned then. Once the owner takes the invoice back, one is (`litigation_left`).
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/domain/settings.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { aClient, anInvoiceRecord, FakeClientRepository, FakeInvoiceRepository, FakeSettingsRepository, FakeStepRepository, FakeTenantDocuments, fixedClock } from '../fixtures/fakes.js';
import { FakeReminderScheduler } from '../fixtures/more-fakes.js';

const SCENARIO: Scenario = { id: 'court', name: 'Une relance', steps: [{ id: 'mail', offsetDays: 1, anchor: 'due', templateId: 'reminder' }] };

const world = async () => {
  const clock = fixedClock('2026-03-02T08:00:00.000Z');
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const scenarios = new FakeTenantDocuments<Scenario>();
  const steps = new FakeStepRepository(invoices, clients);
  await settings.put('acme', { ...defaultSettings(), litigationAfterDays: 10, company: { name: 'Plomberie Martin', siren: '732829320', iban: 'FR7630006000011234567890189' } });
  await scenarios.put('acme', SCENARIO);
  await clients.create('acme', aClient({ scenarioId: 'court' }));
  invoices.add(anInvoiceRecord({ dueDate: '2026-03-12', sentAt: '2026-03-02T08:00:00.000Z' }));
  const reconcile = makeReconcileSchedules({ invoices, clients, settings, scenarios, steps, clock, scheduler: new FakeReminderScheduler() });
  await reconcile('acme', 'inv1');
  return { clock, invoices, steps, reconcile };
};

describe('the re-plan after the escalation step', () => {
  it('plans no new escalation in the instant between the step recorded done and the invoice moved, and one once the owner takes it back', async () => {
    const { clock, invoices, steps, reconcile } = await world();
    const plan1 = await steps.list('acme', 'inv1');
    expect(plan1.map((r) => r.stepId)).toEqual(['mail', 'escalate']);
    const [mail, escalate] = plan1;
    clock.set('2026-03-30T08:00:00.000Z');
    const at = clock.now().toISOString();
    expect(await steps.transition('acme', 'inv1', mail!, { state: 'scheduled' }, { state: 'skipped', reason: 'address_failing', at })).toBeTruthy();
    expect(await steps.transition('acme', 'inv1', escalate!, { state: 'scheduled' }, { state: 'done', reason: 'litigation', at })).toBeTruthy();

    // The re-plan of that record, before the invoice's move lands: nothing new.
    await reconcile('acme', 'inv1');
    expect((await steps.list('acme', 'inv1')).filter((r) => r.plan > 1)).toEqual([]);

    // The move lands (escalatedPlan 1), then the owner takes the invoice back: the escalation comes again.
    const invoice = (await invoices.get('acme', 'inv1'))!;
    await invoices.save({ ...invoice, status: 'litigation', escalatedPlan: 1 });
    await reconcile('acme', 'inv1');
    expect((await steps.list('acme', 'inv1')).filter((r) => r.plan > 1)).toEqual([]);
    const inLitigation = (await invoices.get('acme', 'inv1'))!;
    await invoices.save({ ...inLitigation, status: 'sent' });
    await reconcile('acme', 'inv1');
    const plan2 = (await steps.list('acme', 'inv1')).filter((r) => r.plan === 2);
    expect(plan2).toEqual([expect.objectContaining({ stepId: 'escalate', state: 'scheduled', reason: 'litigation_left' })]);
  });
});
