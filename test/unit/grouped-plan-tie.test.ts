/**
 * ADR 0006: grouping on, a payment plan's reminder is never grouped, so it and the message of the
 * client's scenario steps due at the same time contend for the client's gap. The most overdue money
 * takes the window (`compareSendRank`, as ADR 0005 for the ungrouped window; a plan's reminder ranks by
 * its instalment's date, ADR 0006 addendum), the scenario steps going as one message ranking as their
 * best member, whichever schedule fires first; the loser waits for the gap (a plan's courtesy reminder
 * the gap pushes onto its instalment is skipped `due_passed`).
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/domain/settings.js';
import type { OutgoingEmail } from '../../shared/app/ports.js';
import { makeCreatePaymentPlan } from '../../shared/app/payment-plans.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { invoiceBalanceCents } from '../../shared/domain/invoice.js';
import {
  aClient,
  anInvoiceRecord,
  FakeClientRepository,
  FakeInvoiceRepository,
  FakePdfRenderer,
  FakeSettingsRepository,
  FakeStepRepository,
  FakeTenantDocuments,
  fixedClock,
} from '../fixtures/fakes.js';
import { FakeReminderScheduler } from '../fixtures/more-fakes.js';

// Monday 2 March 2026, 08:00 Paris: every invoice below was sent now. The plan's courtesy reminder (3 days before its
// instalment of Thursday 5, which it ranks by), each overdue invoice's caught-up J+1 and the J-5 of an invoice due
// Saturday 7 go at 09:00 today.
const NOW = '2026-03-02T07:00:00.000Z';
const NINE = '2026-03-02T08:00:00.000Z';

/** `plan`: the invoice under a payment plan; the others, overdue, follow the default scenario. Due dates give the rank. */
const world = async (dues: Record<string, string>, plan: string) => {
  const clock = fixedClock(NOW);
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const scenarios = new FakeTenantDocuments<Scenario>();
  const steps = new FakeStepRepository(invoices, clients);
  const scheduler = new FakeReminderScheduler();
  const sent: string[][] = [];
  const mailer = { send: async (m: OutgoingEmail) => (sent.push([...(m.invoiceIds ?? [m.tags?.invoice ?? ''])].sort()), { messageId: `mail-${sent.length}` }) };
  await settings.put('acme', { ...defaultSettings(), minGapDays: 3, groupByClient: true, planCourtesyDays: 3, litigationAfterDays: 0, company: { name: 'Plomberie Martin', siren: '732829320', iban: 'FR7630006000011234567890189' } });
  await clients.create('acme', aClient());
  const ids = Object.keys(dues);
  ids.forEach((id, i) => invoices.add(anInvoiceRecord({ id, number: `F-2026-000${i + 1}`, dueDate: dues[id]!, issueDate: '2026-01-05', sentAt: NOW })));
  const deps = { invoices, clients, settings, scenarios, steps, clock };
  const reconcile = makeReconcileSchedules({ ...deps, scheduler });
  const settle = async () => {
    for (const id of ids) await reconcile('acme', id);
  };
  await settle();
  const planned = (await invoices.get('acme', plan))!;
  await makeCreatePaymentPlan(deps)('acme', plan, { instalments: [{ dueDate: '2026-03-05', amountCents: invoiceBalanceCents(planned) }], waivePenalties: false });
  await settle();
  await settle();
  const fire = makeSendReminder({ ...deps, templates: new FakeTenantDocuments<ReminderTemplate>(), mailer, pdf: new FakePdfRenderer() });
  /** Fires the step of `id` due at 09:00 today (the plan's courtesy reminder, or the scenario's J+1 or J-5). */
  const fireAtNine = async (id: string) => {
    const record = (await steps.list('acme', id)).find((r) => r.state === 'scheduled' && r.scheduledAt === NINE);
    if (!record) return { outcome: 'none' };
    clock.set(NINE);
    const outcome = await fire({ tenantId: 'acme', invoiceId: id, stepId: record.stepId, plan: record.plan, index: record.index, scheduledAt: record.scheduledAt!, kind: 'step' });
    await settle();
    return outcome;
  };
  const stepOf = async (id: string, stepId: string) => (await steps.list('acme', id)).filter((r) => r.stepId === stepId).sort((a, b) => b.plan - a.plan)[0]!;
  /** A lost or late fire: the scenario step of `id` due at 09:00 today was due the previous business day (Friday 27 Feb). */
  const lateSince = async (id: string, at: string) => {
    const record = steps.records.get(`acme|${id}`)!.find((r) => r.state === 'scheduled' && r.scheduledAt === NINE)!;
    Object.assign(record, { scheduledAt: at });
  };
  const fireLate = async (id: string, at: string) => {
    const record = (await steps.list('acme', id)).find((r) => r.state === 'scheduled' && r.scheduledAt === at)!;
    clock.set(NINE);
    await fire({ tenantId: 'acme', invoiceId: id, stepId: record.stepId, plan: record.plan, index: record.index, scheduledAt: at, kind: 'step' });
    await settle();
  };
  return { fireAtNine, stepOf, sent, lateSince, fireLate };
};

describe('grouping on: a payment plan’s reminder and the client’s other invoices due at the same time', () => {
  for (const order of [['planned', 'older'], ['older', 'planned']]) {
    it(`gives the window to the more overdue scenario invoice, fired ${order.join(' then ')}`, async () => {
      const { fireAtNine, stepOf, sent } = await world({ planned: '2026-02-25', older: '2026-02-10' }, 'planned');
      expect((await stepOf('planned', 'p1-c1')).scheduledAt).toBe(NINE);
      expect((await stepOf('older', 'j+1')).scheduledAt).toBe(NINE);
      for (const id of order) await fireAtNine(id);
      expect(sent).toEqual([['older']]);
      // Moved past the gap, the courtesy reminder would reach its instalment's date: skipped.
      expect(await stepOf('planned', 'p1-c1')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    });

    it(`ranks the plan's reminder by its instalment, not its more overdue invoice, fired ${order.join(' then ')}`, async () => {
      // The planned invoice was due 10 Feb, but the money this reminder speaks of is due 5 March; older's, 25 Feb.
      const { fireAtNine, stepOf, sent } = await world({ planned: '2026-02-10', older: '2026-02-25' }, 'planned');
      for (const id of order) await fireAtNine(id);
      expect(sent).toEqual([['older']]);
      expect(await stepOf('planned', 'p1-c1')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    });

    it(`gives the window to the instalment due before the other invoice, fired ${order.join(' then ')}`, async () => {
      // The README example: an instalment due 5 March on an invoice due 20 March, another invoice due 7 March whose
      // J-5 goes at the same time. Ranked by its invoice's due date, the plan's courtesy lost and was skipped.
      const later = order.map((id) => (id === 'older' ? 'later' : id));
      const { fireAtNine, stepOf, sent } = await world({ planned: '2026-03-20', later: '2026-03-07' }, 'planned');
      expect((await stepOf('later', 'j-5')).scheduledAt).toBe(NINE);
      for (const id of later) await fireAtNine(id);
      expect(sent).toEqual([['planned']]);
      // The J-5 waits for the gap, still before its due date.
      expect(await stepOf('later', 'j-5')).toMatchObject({ state: 'scheduled', reason: 'gap' });
      expect((await stepOf('later', 'j-5')).localTime).toBe('2026-03-05T09:00:00');
    });
  }

  it('ranks the scenario steps that go as one message by their most overdue member, whichever fires first', async () => {
    // oldest (10 Feb) outranks planned (its instalment, 5 March), which outranks newest (7 March, its J-5): newest's fire
    // takes oldest along.
    for (const order of [['newest', 'planned', 'oldest'], ['planned', 'oldest', 'newest'], ['oldest', 'newest', 'planned']]) {
      const { fireAtNine, stepOf, sent } = await world({ newest: '2026-03-07', planned: '2026-02-20', oldest: '2026-02-10' }, 'planned');
      for (const id of order) await fireAtNine(id);
      expect(sent, order.join(' ')).toEqual([['newest', 'oldest']]);
      expect(await stepOf('planned', 'p1-c1')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    }
  });

  it('ranks the message by the steps it takes only: a more overdue step left from an earlier day goes in its own message', async () => {
    // oldest's J+1 was due Friday and its fire is late: newest's message of today does not take it (gatherSameDaySteps),
    // so the plan's reminder of planned (its instalment, 5 March) outranks that message (newest's J-5, 7 March), not
    // oldest's rank (10 Feb).
    const FRIDAY = '2026-02-27T08:00:00.000Z';
    const { fireAtNine, stepOf, sent, lateSince, fireLate } = await world({ newest: '2026-03-07', planned: '2026-02-20', oldest: '2026-02-10' }, 'planned');
    await lateSince('oldest', FRIDAY);
    await fireAtNine('newest');
    expect(sent).toEqual([]);
    expect(await stepOf('newest', 'j-5')).toMatchObject({ state: 'scheduled', reason: 'gap' });
    // oldest's late fire outranks both: it goes, alone (newest's step has moved past the gap).
    await fireLate('oldest', FRIDAY);
    expect(sent).toEqual([['oldest']]);
  });
});
