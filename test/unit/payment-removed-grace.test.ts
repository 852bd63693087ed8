/**
 * A payment recorded by mistake (on the wrong invoice) and removed: the grace window after a payment
 * (settings `graceDaysAfterPayment`) no longer holds the next reminder back. On the local stack the
 * removal left `lastPaymentAt` on the invoice and the J+1 stayed three send days later.
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/domain/settings.js';
import { makeRecordPayment, makeRemovePayment } from '../../shared/app/payments.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { aClient, anInvoiceRecord, FakeClientRepository, FakeInvoiceRepository, FakeSettingsRepository, FakeStepRepository, FakeTenantDocuments, fixedClock, sequentialIds } from '../fixtures/fakes.js';
import { FakeReminderScheduler } from '../fixtures/more-fakes.js';

const world = async () => {
  // Monday 2 March 2026, 08:30 in Paris; the invoice was due on Friday 27 February.
  const clock = fixedClock('2026-03-02T07:30:00.000Z');
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const steps = new FakeStepRepository(invoices, clients);
  await settings.put('acme', { ...defaultSettings(), company: { name: 'Plomberie Martin' } });
  await clients.create('acme', aClient());
  invoices.add(anInvoiceRecord({ dueDate: '2026-02-27', sentAt: '2026-03-02T07:00:00.000Z' }));
  const deps = { invoices, clients, settings, scenarios: new FakeTenantDocuments<Scenario>(), steps, clock };
  const reconcile = makeReconcileSchedules({ ...deps, scheduler: new FakeReminderScheduler() });
  const next = async () => {
    await reconcile('acme', 'inv1');
    return (await steps.list('acme', 'inv1')).filter((r) => r.state === 'scheduled').map((r) => [r.stepId, r.scheduledAt]);
  };
  return { clock, invoices, next, record: makeRecordPayment({ ...deps, ids: sequentialIds('01PAY') }), remove: makeRemovePayment(deps) };
};

describe('a payment removed', () => {
  it('takes its grace window away: the next reminder goes back to its day', async () => {
    const w = await world();
    const before = await w.next();
    expect(before[0]).toEqual(['j+1', '2026-03-02T08:00:00.000Z']);

    const payment = await w.record('acme', 'inv1', { amountCents: 20_000, date: '2026-03-02', method: 'transfer' });
    // Three days' grace from Monday: Thursday 5 March.
    expect((await w.next())[0]).toEqual(['j+1', '2026-03-05T08:00:00.000Z']);

    await w.remove('acme', 'inv1', payment.id);
    expect(await w.next()).toEqual(before);
  });

  it('keeps the grace of the payments that remain', async () => {
    const w = await world();
    const first = await w.record('acme', 'inv1', { amountCents: 20_000, date: '2026-03-02', method: 'transfer' });
    w.clock.set('2026-03-03T07:30:00.000Z');
    const second = await w.record('acme', 'inv1', { amountCents: 10_000, date: '2026-03-03', method: 'transfer' });
    await w.remove('acme', 'inv1', second.id);
    // Monday's payment still holds it until Thursday.
    expect((await w.next())[0]).toEqual(['j+1', '2026-03-05T08:00:00.000Z']);
    expect((await w.invoices.get('acme', 'inv1'))?.lastPaymentAt).toBe(first.createdAt);
  });
});
