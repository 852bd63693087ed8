/**
 * The invoice's one-reminder-a-day slot after the tenant's time zone changed (README Known issue until 2026-11-28;
 * issue 8 invariant 3: at most one reminder per invoice per day, tenant time zone). The slot compared the local date
 * stored when the last reminder went (`lastReminderDay`, the zone of then) with today in the zone of now. Moving east
 * (Paris → Nouméa), a reminder of the Paris evening (the next Nouméa morning) and another that Nouméa day both went;
 * moving west (Paris → Tahiti), a step waited one day more than planned. Now the send path's decision and its claim,
 * manual and client reminders and the dry run date `lastReminderAt` in the zone of now; a day-only item is read at
 * face value.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/app/errors.js';
import { manualSkipReason } from '../../shared/app/reminders/client-reminders.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { loadReminderContext } from '../../shared/app/reminders/reminder-context.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import { makeSendReminderNow } from '../../shared/app/reminders/send-reminder-now.js';
import { makeSimulateReminders } from '../../shared/app/reminders/simulation.js';
import { replayClientRules } from '../../shared/app/reminders/simulation-client-rules.js';
import { gapWindow } from '../../shared/domain/client-gap.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import { lastReminderDayIn, remindedOn, reminderSlot, slotFree } from '../../shared/domain/reminder-slot.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { DEFAULT_SEND_CALENDAR } from '../../shared/domain/send-calendar.js';
import { aClient, anInvoiceRecord, FakeClientRepository, FakeInvoiceRepository, FakeMailer, FakePdfRenderer, FakeSettingsRepository, FakeStepRepository, FakeTenantDocuments, fixedClock } from '../fixtures/fakes.js';
import { FakeReminderScheduler } from '../fixtures/more-fakes.js';

const TENANT = 't1';
const PARIS = 'Europe/Paris';
const TAHITI = 'Pacific/Tahiti'; // UTC-10, no DST
const NOUMEA = 'Pacific/Noumea'; // UTC+11, no DST

describe('the last reminder as the slot reads it', () => {
  it('dates the instant in the zone of now, not the stored date of then', () => {
    // Mon 2 March 2026 09:00 Paris = Sun 1 March 22:00 Tahiti; 20:00 Paris = Tue 3 March 06:00 Nouméa.
    expect(lastReminderDayIn({ lastReminderAt: '2026-03-02T08:00:00.000Z', lastReminderDay: '2026-03-02' }, TAHITI)).toBe('2026-03-01');
    expect(lastReminderDayIn({ lastReminderAt: '2026-03-02T19:00:00.000Z', lastReminderDay: '2026-03-02' }, NOUMEA)).toBe('2026-03-03');
    expect(lastReminderDayIn({ lastReminderAt: '2026-03-02T19:00:00.000Z', lastReminderDay: '2026-03-02' }, PARIS)).toBe('2026-03-02');
    expect(remindedOn({ lastReminderAt: '2026-03-02T19:00:00.000Z', lastReminderDay: '2026-03-02' }, '2026-03-03', NOUMEA)).toBe(true);
    expect(remindedOn({ lastReminderAt: '2026-03-02T08:00:00.000Z', lastReminderDay: '2026-03-02' }, '2026-03-02', TAHITI)).toBe(false);
  });

  it('reads an item holding a day only at face value, and nothing as no reminder', () => {
    expect(lastReminderDayIn({ lastReminderDay: '2026-03-02' }, TAHITI)).toBe('2026-03-02');
    expect(lastReminderDayIn({ lastReminderAt: '2026-03-02', lastReminderDay: '2026-03-01' }, NOUMEA)).toBe('2026-03-02');
    expect(lastReminderDayIn({}, PARIS)).toBeUndefined();
    expect(remindedOn({ lastReminderDay: '2026-03-02' }, '2026-03-02', NOUMEA)).toBe(true);
    expect(remindedOn({ lastReminderDay: '2026-03-02' }, '2026-03-03', NOUMEA)).toBe(false);
    expect(remindedOn({}, '2026-03-03', NOUMEA)).toBe(false);
  });
});

describe('the claim’s condition', () => {
  it('bounds the last instant by the first instant of today in the zone of now', () => {
    expect(reminderSlot('2026-03-03', NOUMEA)).toEqual({ today: '2026-03-03', dayStart: '2026-03-02T13:00:00.000Z' });
    expect(reminderSlot('2026-03-02', TAHITI)).toEqual({ today: '2026-03-02', dayStart: '2026-03-02T10:00:00.000Z' });
    // Paris's spring change: the day starts at 00:00 CET.
    expect(reminderSlot('2026-03-29', PARIS).dayStart).toBe('2026-03-28T23:00:00.000Z');
    const east = { lastReminderAt: '2026-03-02T19:00:00.000Z', lastReminderDay: '2026-03-02' };
    expect(slotFree(east, reminderSlot('2026-03-03', NOUMEA))).toBe(false);
    expect(slotFree(east, reminderSlot('2026-03-04', NOUMEA))).toBe(true);
    const west = { lastReminderAt: '2026-03-02T08:00:00.000Z', lastReminderDay: '2026-03-02' };
    expect(slotFree(west, reminderSlot('2026-03-02', TAHITI))).toBe(true);
    expect(slotFree(west, reminderSlot('2026-03-02', PARIS))).toBe(false);
  });

  it('agrees with the day the readers see, whatever the hour and zone', () => {
    for (const zone of [PARIS, TAHITI, NOUMEA, 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      for (let hour = 0; hour < 72; hour += 1) {
        const stored = { lastReminderAt: new Date(Date.UTC(2026, 2, 27, hour, 30)).toISOString(), lastReminderDay: '2026-03-28' };
        for (const today of ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30']) {
          expect(slotFree(stored, reminderSlot(today, zone)), `${stored.lastReminderAt} ${zone} ${today}`).toBe(!remindedOn(stored, today, zone));
        }
      }
    }
  });

  it('compares an item holding a day only by day, at face value', () => {
    const slot = reminderSlot('2026-03-03', NOUMEA);
    expect(slotFree({ lastReminderDay: '2026-03-02' }, slot)).toBe(true);
    expect(slotFree({ lastReminderDay: '2026-03-03' }, slot)).toBe(false);
    expect(slotFree({ lastReminderAt: '2026-03-03' }, slot)).toBe(false);
    expect(slotFree({ lastReminderAt: '2026-03-02', lastReminderDay: '2026-03-03' }, slot)).toBe(false);
    expect(slotFree({}, slot)).toBe(true);
  });
});

/** J+1 from the due date, then one day after it went. */
const COURT: Scenario = {
  id: 'court',
  name: 'Court',
  steps: [
    { id: 'j+1', offsetDays: 1, anchor: 'due', templateId: 'reminder' },
    { id: 'next', offsetDays: 1, anchor: 'previous', templateId: 'firm' },
  ],
};

/**
 * One client, one invoice due `dueDate`, reminded at `sentAt` from Paris: by hand, or (`byHand` false) recorded on the
 * invoice as the claim stores it (a step of an earlier plan); `minGapDays` 0, the client's gap out of the way.
 */
const world = async (sentAt: string, dueDate: string, byHand = true) => {
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const steps = new FakeStepRepository(invoices, clients);
  const mailer = new FakeMailer();
  const clock = fixedClock(sentAt);
  const scenarios = new FakeTenantDocuments<Scenario>();
  await scenarios.put(TENANT, COURT);
  await clients.create(TENANT, aClient({ id: 'c1', email: 'compta@client.test', scenarioId: 'court' }));
  const stored = byHand ? {} : { lastReminderAt: sentAt, lastReminderDay: sentAt.slice(0, 10), reminderCount: 1 };
  invoices.add(anInvoiceRecord({ id: 'inv1', tenantId: TENANT, clientId: 'c1', number: 'F-2026-0001', issueDate: '2026-01-30', dueDate, status: 'sent', sentAt: '2026-01-30T08:00:00.000Z', ...stored }));
  const deps = { invoices, clients, settings, steps, mailer, clock, scenarios, templates: new FakeTenantDocuments<ReminderTemplate>(), pdf: new FakePdfRenderer() };
  const sendNow = makeSendReminderNow(deps);
  await settings.put(TENANT, { ...(await settings.get(TENANT)), timezone: PARIS, minGapDays: 0, groupByClient: false });
  if (byHand) await sendNow(TENANT, 'inv1', {});
  expect(mailer.sent).toHaveLength(byHand ? 1 : 0);
  const moveTo = async (timezone: string) => settings.put(TENANT, { ...(await settings.get(TENANT)), timezone });
  const reconcile = makeReconcileSchedules({ ...deps, scheduler: new FakeReminderScheduler() });
  const planned = async (stepId: string) => (await steps.list(TENANT, 'inv1')).find((r) => r.stepId === stepId && r.state === 'scheduled');
  return { deps, sendNow, fire: makeSendReminder(deps), simulate: makeSimulateReminders(deps), reconcile, planned, steps, mailer, clock, moveTo };
};

describe('after the tenant moved east (Paris → Nouméa)', () => {
  // Mon 2 March 20:00 Paris = Tue 3 March 06:00 Nouméa.
  const EVENING = '2026-03-02T19:00:00.000Z';

  it('a manual send later that Nouméa day answers 409, forced or not; the next Nouméa day it goes', async () => {
    const w = await world(EVENING, '2026-03-02');
    await w.moveTo(NOUMEA);
    // Tue 3 March 16:00 Nouméa: the stored day (Monday, Paris) said another day.
    w.clock.set('2026-03-03T05:00:00.000Z');
    for (const force of [false, true]) {
      const refused = await w.sendNow(TENANT, 'inv1', { force }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ConflictError);
      expect((refused as Error).message).toContain('already went out for this invoice today');
    }
    expect(w.mailer.sent).toHaveLength(1);
    // Wed 4 March 00:30 Nouméa.
    w.clock.set('2026-03-03T13:30:00.000Z');
    await w.sendNow(TENANT, 'inv1', {});
    expect(w.mailer.sent).toHaveLength(2);
  });

  it('the claim holds the slot too, when the decision read the invoice before the other send', async () => {
    const w = await world(EVENING, '2026-03-02');
    await w.moveTo(NOUMEA);
    const at = '2026-03-03T05:00:00.000Z';
    const claim = await w.steps.claimSend(
      TENANT, 'inv1',
      { ref: { plan: 0, index: 99 }, manual: { plan: 0, index: 99, stepId: 'manual-x', templateId: 'reminder', state: 'sending', at, manual: true } as never, leaseUntil: '2026-03-03T05:10:00.000Z', at },
      { paidCents: 0, creditedCents: 0, ...reminderSlot('2026-03-03', NOUMEA), at },
      { clientId: 'c1', date: '2026-03-03', at, holder: 'x', window: gapWindow('2026-03-03', 0, NOUMEA) },
    );
    expect(claim).toEqual({ ok: false, conflict: 'invoice' });
  });

  it('a client reminder leaves the invoice out that day (same_day)', async () => {
    const w = await world(EVENING, '2026-03-02');
    await w.moveTo(NOUMEA);
    w.clock.set('2026-03-03T05:00:00.000Z');
    const ctx = (await loadReminderContext(w.deps, TENANT, 'inv1'))!;
    expect(manualSkipReason(ctx, 'c1', '2026-03-03')).toBe('same_day');
    expect(manualSkipReason(ctx, 'c1', '2026-03-04')).toBeUndefined();
  });

  it('the step planned the next Nouméa morning waits a day, in the dry run as at its fire', async () => {
    const w = await world(EVENING, '2026-03-02');
    await w.moveTo(NOUMEA);
    await w.reconcile(TENANT, 'inv1');
    // J+1 on Tue 3 March 09:00 Nouméa: the plan (client gap 0) does not know the invoice's slot.
    const step = (await w.planned('j+1'))!;
    expect(step.scheduledAt).toBe('2026-03-02T22:00:00.000Z');
    const sim = await w.simulate(TENANT, { from: EVENING, to: '2026-03-06T00:00:00.000Z' });
    const simJ1 = sim.items.find((i) => i.invoiceId === 'inv1' && i.stepId === 'j+1');
    // Wed 4 March 09:00 Nouméa.
    expect(simJ1).toMatchObject({ action: 'send', at: '2026-03-03T22:00:00.000Z', plannedAt: '2026-03-02T22:00:00.000Z', reason: 'same_day' });
    w.clock.set(step.scheduledAt!);
    const outcome = await w.fire({ tenantId: TENANT, invoiceId: 'inv1', stepId: 'j+1', plan: step.plan, index: step.index, scheduledAt: step.scheduledAt! });
    expect(outcome).toMatchObject({ outcome: 'moved', reason: 'same_day', scheduledAt: simJ1!.at });
    expect(w.mailer.sent).toHaveLength(1);
  });
});

describe('after the tenant moved west (Paris → Tahiti)', () => {
  it('a step goes on the day the planner and the dry run put it, not a day later', async () => {
    // A reminder of Mon 2 March 09:00 Paris (stored: Monday) = Sun 1 March 22:00 Tahiti.
    const w = await world('2026-03-02T08:00:00.000Z', '2026-03-01', false);
    await w.moveTo(TAHITI);
    await w.reconcile(TENANT, 'inv1');
    // J+1 on Mon 2 March 09:00 Tahiti, the day after the last reminder's Tahiti Sunday.
    const step = (await w.planned('j+1'))!;
    expect(step.scheduledAt).toBe('2026-03-02T19:00:00.000Z');
    const sim = await w.simulate(TENANT, { from: '2026-03-02T08:00:00.000Z', to: '2026-03-06T00:00:00.000Z' });
    const simJ1 = sim.items.find((i) => i.invoiceId === 'inv1' && i.stepId === 'j+1');
    expect(simJ1).toMatchObject({ action: 'send', at: step.scheduledAt });
    expect(simJ1?.reason).toBeUndefined();
    w.clock.set(step.scheduledAt!);
    const outcome = await w.fire({ tenantId: TENANT, invoiceId: 'inv1', stepId: 'j+1', plan: step.plan, index: step.index, scheduledAt: step.scheduledAt! });
    expect(outcome).toMatchObject({ outcome: 'sent' });
    expect(w.mailer.sent).toHaveLength(1);
  });
});

describe('the dry run’s replay of the slot', () => {
  it('moves a send planned on the day of the invoice’s last reminder, not one of another invoice', () => {
    const calendar = { ...DEFAULT_SEND_CALENDAR, timeZone: NOUMEA };
    const send = (invoiceId: string) => ({ invoiceId, invoiceLabel: invoiceId, rank: 0, channel: 'email' as const, templateId: 'reminder', at: '2026-03-02T22:00:00.000Z' });
    const out = replayClientRules([send('inv1'), send('inv2')], { calendar, minGapDays: 0, groupByClient: false, lastReminderDays: new Map([['inv1', '2026-03-03']]) });
    expect(out[0]).toMatchObject({ at: '2026-03-03T22:00:00.000Z', movedBy: 'same_day' });
    expect(out[1]).toEqual({ at: '2026-03-02T22:00:00.000Z' });
  });
});
