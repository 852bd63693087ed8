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

  it('keeps the escalation of an invoice taken back litigationAfterDays ahead through the re-plans that follow (never the next morning)', async () => {
    const { clock, invoices, steps, reconcile } = await world();
    const [mail, escalate] = await steps.list('acme', 'inv1');
    clock.set(mail!.scheduledAt!);
    expect(await steps.transition('acme', 'inv1', mail!, { state: 'scheduled' }, { state: 'sent', at: mail!.scheduledAt! })).toBeTruthy();
    clock.set(escalate!.scheduledAt!);
    expect(await steps.transition('acme', 'inv1', escalate!, { state: 'scheduled' }, { state: 'done', reason: 'litigation', at: escalate!.scheduledAt! })).toBeTruthy();
    await invoices.save({ ...(await invoices.get('acme', 'inv1'))!, status: 'litigation', escalatedPlan: 1 });
    await reconcile('acme', 'inv1');

    // Taken back six weeks later (Monday 4 May 2026, 12:00 Paris): back to litigation 10 days on, a send day
    // (Thursday 14 May is Ascension: Friday 15 May at the send hour).
    clock.set('2026-05-04T10:00:00.000Z');
    await invoices.save({ ...(await invoices.get('acme', 'inv1'))!, status: 'sent' });
    await reconcile('acme', 'inv1');
    const expected = [expect.objectContaining({ stepId: 'escalate', state: 'scheduled', reason: 'litigation_left', scheduledAt: '2026-05-15T07:00:00.000Z' })];
    expect((await steps.list('acme', 'inv1')).filter((r) => r.plan === 2)).toEqual(expected);
    // The stream record of that step re-plans the invoice again, and so does any later change (a partial payment).
    await reconcile('acme', 'inv1');
    clock.set('2026-05-06T10:00:00.000Z');
    await invoices.save({ ...(await invoices.get('acme', 'inv1'))!, status: 'partially_paid', paidCents: 100, lastPaymentAt: '2026-05-06T10:00:00.000Z' });
    await reconcile('acme', 'inv1');
    expect((await steps.list('acme', 'inv1')).filter((r) => r.plan === 2)).toEqual(expected);

    // Paused a day, then resumed: the new plan keeps that date (and its re-plans too), not the next morning.
    clock.set('2026-05-07T10:00:00.000Z');
    await invoices.save({ ...(await invoices.get('acme', 'inv1'))!, remindersPaused: true });
    await reconcile('acme', 'inv1');
    expect((await steps.list('acme', 'inv1')).filter((r) => r.plan === 2)).toEqual([expect.objectContaining({ stepId: 'escalate', state: 'cancelled', reason: 'paused' })]);
    clock.set('2026-05-08T10:00:00.000Z');
    await invoices.save({ ...(await invoices.get('acme', 'inv1'))!, remindersPaused: false });
    await reconcile('acme', 'inv1');
    await reconcile('acme', 'inv1');
    expect((await steps.list('acme', 'inv1')).filter((r) => r.plan === 3)).toEqual(expected);

    // Paused past that date: due then, it goes at the next send window, as any escalation whose time has come.
    clock.set('2026-05-11T10:00:00.000Z');
    await invoices.save({ ...(await invoices.get('acme', 'inv1'))!, remindersPaused: true });
    await reconcile('acme', 'inv1');
    clock.set('2026-05-18T10:00:00.000Z');
    await invoices.save({ ...(await invoices.get('acme', 'inv1'))!, remindersPaused: false });
    await reconcile('acme', 'inv1');
    await reconcile('acme', 'inv1');
    expect((await steps.list('acme', 'inv1')).filter((r) => r.plan === 4)).toEqual([expect.objectContaining({ stepId: 'escalate', state: 'scheduled', scheduledAt: '2026-05-19T07:00:00.000Z' })]);
  });
});
