/**
 * The client's minimum gap after the tenant's time zone changed (README Known issue, fixed 2026-11-28): the planner
 * dated the client's last message in the new zone, the send path, manual sends, the dry run and the claim's condition
 * compared the date stored in the old one. Moving west (Paris → Tahiti) sent a day later than planned; moving east
 * (Paris → Nouméa) let an afternoon message be followed a day early. Now every reader dates `lastMessageAt` in the
 * tenant's zone of now; an item holding a day only is read at face value.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/app/errors.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import { makeSendReminderNow } from '../../shared/app/reminders/send-reminder-now.js';
import { planFor, loadReminderContext } from '../../shared/app/reminders/reminder-context.js';
import { gapAllows, gapWindow, lastMessageIn } from '../../shared/domain/client-gap.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { aClient, anInvoiceRecord, FakeClientRepository, FakeInvoiceRepository, FakeMailer, FakePdfRenderer, FakeSettingsRepository, FakeStepRepository, FakeTenantDocuments, fixedClock } from '../fixtures/fakes.js';

const TENANT = 't1';
const PARIS = 'Europe/Paris';
const TAHITI = 'Pacific/Tahiti'; // UTC-10, no DST
const NOUMEA = 'Pacific/Noumea'; // UTC+11, no DST

describe('the last message as the gap reads it', () => {
  it('dates the instant in the zone of now, not the stored date of then', () => {
    // Mon 2 March 2026 09:00 Paris = Sun 1 March 22:00 Tahiti; 20:00 Paris = Tue 3 March 06:00 Nouméa.
    expect(lastMessageIn({ lastMessageAt: '2026-03-02T08:00:00.000Z', lastMessageDate: '2026-03-02' }, TAHITI)).toEqual({ date: '2026-03-01', at: '2026-03-02T08:00:00.000Z' });
    expect(lastMessageIn({ lastMessageAt: '2026-03-02T19:00:00.000Z', lastMessageDate: '2026-03-02' }, NOUMEA)?.date).toBe('2026-03-03');
    expect(lastMessageIn({ lastMessageAt: '2026-03-02T19:00:00.000Z', lastMessageDate: '2026-03-02' }, PARIS)?.date).toBe('2026-03-02');
  });

  it('reads an item holding a day only at face value, and no message from nothing or the claim’s "none" marker', () => {
    expect(lastMessageIn({ lastMessageDate: '2026-03-02' }, TAHITI)).toEqual({ date: '2026-03-02', at: '2026-03-02T10:00:00.000Z' });
    expect(lastMessageIn({ lastMessageAt: '2026-03-02', lastMessageDate: '2026-03-01' }, NOUMEA)?.date).toBe('2026-03-02');
    expect(lastMessageIn({ lastMessageAt: '2026-03-01', lastMessageDate: '2026-03-02' }, NOUMEA)?.date).toBe('2026-03-02');
    expect(lastMessageIn({}, PARIS)).toBeUndefined();
    expect(lastMessageIn({ lastMessageAt: '', lastMessageDate: '' }, PARIS)).toBeUndefined();
  });
});

describe('the claim’s condition', () => {
  it('bounds the last instant by the first instant of the day after the latest allowed day, in the zone of now', () => {
    expect(gapWindow('2026-03-04', 3, TAHITI)).toEqual({ latestAllowedDate: '2026-03-01', allowedBefore: '2026-03-02T10:00:00.000Z' });
    expect(gapWindow('2026-03-05', 3, NOUMEA)).toEqual({ latestAllowedDate: '2026-03-02', allowedBefore: '2026-03-02T13:00:00.000Z' });
    // Across Paris's spring change: the day after starts at 00:00 CEST.
    expect(gapWindow('2026-04-01', 3, PARIS).allowedBefore).toBe('2026-03-29T22:00:00.000Z');
  });

  it('west: the message of 09:00 Paris, Sunday evening in Tahiti, lets Wednesday (Tahiti) through, as the planner says', () => {
    const stored = { lastMessageAt: '2026-03-02T08:00:00.000Z', lastMessageDate: '2026-03-02' };
    expect(gapAllows(stored, gapWindow('2026-03-04', 3, TAHITI))).toBe(true);
    expect(gapAllows(stored, gapWindow('2026-03-03', 3, TAHITI))).toBe(false);
    // Still in Paris: Thursday, not Wednesday.
    expect(gapAllows(stored, gapWindow('2026-03-04', 3, PARIS))).toBe(false);
    expect(gapAllows(stored, gapWindow('2026-03-05', 3, PARIS))).toBe(true);
  });

  it('east: the message of 20:00 Paris, Tuesday morning in Nouméa, holds Thursday (Nouméa) back', () => {
    const stored = { lastMessageAt: '2026-03-02T19:00:00.000Z', lastMessageDate: '2026-03-02' };
    expect(gapAllows(stored, gapWindow('2026-03-05', 3, NOUMEA))).toBe(false);
    expect(gapAllows(stored, gapWindow('2026-03-06', 3, NOUMEA))).toBe(true);
  });

  it('agrees with the day the reader sees, whatever the hour and zone', () => {
    for (const zone of [PARIS, TAHITI, NOUMEA, 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      for (let hour = 0; hour < 48; hour += 1) {
        const at = new Date(Date.UTC(2026, 2, 27, hour, 30)).toISOString();
        const last = lastMessageIn({ lastMessageAt: at, lastMessageDate: '2026-03-27' }, zone)!;
        for (const today of ['2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01']) {
          expect(gapAllows({ lastMessageAt: at, lastMessageDate: '2026-03-27' }, gapWindow(today, 3, zone)), `${at} ${zone} ${today}`).toBe(last.date <= gapWindow(today, 3, zone).latestAllowedDate);
        }
      }
    }
  });

  it('compares an item holding a day only by day, at face value, and lets a client with no message through', () => {
    const window = gapWindow('2026-03-05', 3, TAHITI);
    expect(gapAllows({ lastMessageDate: '2026-03-02' }, window)).toBe(true);
    expect(gapAllows({ lastMessageDate: '2026-03-03' }, window)).toBe(false);
    expect(gapAllows({ lastMessageAt: '2026-03-03' }, window)).toBe(false);
    expect(gapAllows({ lastMessageAt: '2026-03-02', lastMessageDate: '2026-03-03' }, window)).toBe(false);
    expect(gapAllows({ lastMessageAt: '2026-03-02' }, window)).toBe(true);
    expect(gapAllows({ lastMessageAt: '', lastMessageDate: '' }, window)).toBe(true);
    expect(gapAllows({}, window)).toBe(true);
  });
});

/** One client, two invoices due on Sun 1 March 2026; the first reminded by hand, the tenant's zone then changed. */
const world = async (sentAt: string) => {
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const steps = new FakeStepRepository(invoices, clients);
  const mailer = new FakeMailer();
  const clock = fixedClock(sentAt);
  await clients.create(TENANT, aClient({ id: 'c1', email: 'compta@client.test' }));
  for (const id of ['inv1', 'inv2']) invoices.add(anInvoiceRecord({ id, tenantId: TENANT, clientId: 'c1', number: `F-2026-000${id.slice(-1)}`, issueDate: '2026-01-30', dueDate: '2026-03-01', status: 'sent' }));
  const deps = {
    invoices, clients, settings, steps, mailer, clock,
    scenarios: new FakeTenantDocuments<Scenario>(),
    templates: new FakeTenantDocuments<ReminderTemplate>(),
    pdf: new FakePdfRenderer(),
  };
  const sendNow = makeSendReminderNow(deps);
  await settings.put(TENANT, { ...(await settings.get(TENANT)), timezone: PARIS, minGapDays: 3 });
  await sendNow(TENANT, 'inv1', {});
  expect(mailer.sent).toHaveLength(1);
  const moveTo = async (timezone: string) => settings.put(TENANT, { ...(await settings.get(TENANT)), timezone });
  return { deps, sendNow, fire: makeSendReminder(deps), steps, mailer, clock, moveTo };
};

describe('a manual send after the tenant moved east (Paris → Nouméa)', () => {
  it('answers 409 on the day the last message, dated in Nouméa, is within the gap; goes the day after', async () => {
    // Mon 2 March 20:00 Paris = Tue 3 March 06:00 Nouméa.
    const w = await world('2026-03-02T19:00:00.000Z');
    await w.moveTo(NOUMEA);
    // Thu 5 March 10:00 Nouméa: two days after Tuesday. It went (the stored Monday was three days before).
    w.clock.set('2026-03-04T23:00:00.000Z');
    const refused = await w.sendNow(TENANT, 'inv2', {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toContain('received a message on 2026-03-03');
    expect((refused as Error).message).toContain('next one is due on 2026-03-06');
    expect(w.mailer.sent).toHaveLength(1);
    // Fri 6 March 10:00 Nouméa.
    w.clock.set('2026-03-05T23:00:00.000Z');
    await w.sendNow(TENANT, 'inv2', {});
    expect(w.mailer.sent).toHaveLength(2);
  });

  it('holds the gap at the claim too, when the decision read the client before another send (a parallel fire)', async () => {
    const w = await world('2026-03-02T19:00:00.000Z');
    await w.moveTo(NOUMEA);
    w.clock.set('2026-03-04T23:00:00.000Z');
    const claim = await w.steps.claimSend(
      TENANT, 'inv2',
      { ref: { plan: 0, index: 99 }, manual: { plan: 0, index: 99, stepId: 'manual-x', templateId: 'reminder', state: 'sending', at: '2026-03-04T23:00:00.000Z', manual: true } as never, leaseUntil: '2026-03-04T23:10:00.000Z', at: '2026-03-04T23:00:00.000Z' },
      { paidCents: 0, creditedCents: 0, today: '2026-03-05', dayStart: '2026-03-04T13:00:00.000Z', at: '2026-03-04T23:00:00.000Z' },
      { clientId: 'c1', date: '2026-03-05', at: '2026-03-04T23:00:00.000Z', holder: 'x', window: gapWindow('2026-03-05', 3, NOUMEA) },
    );
    expect(claim).toEqual({ ok: false, conflict: 'gap' });
  });
});

describe('an automatic step after the tenant moved west (Paris → Tahiti)', () => {
  it('goes on the day the planner put it, not a day later', async () => {
    // Mon 2 March 09:00 Paris = Sun 1 March 22:00 Tahiti.
    const w = await world('2026-03-02T08:00:00.000Z');
    await w.moveTo(TAHITI);
    // The re-plan after the change (the stream's): inv2's J+1 in Tahiti, behind the gap of Sunday's message.
    const ctx = (await loadReminderContext(w.deps, TENANT, 'inv2'))!;
    const planned = planFor(ctx, new Date('2026-03-02T09:00:00.000Z')).find((s) => s.stepId === 'j+1')!;
    // Wed 4 March 09:00 Tahiti: three Tahiti days after Sunday.
    expect(planned).toMatchObject({ state: 'scheduled', scheduledAt: '2026-03-04T19:00:00.000Z' });
    await w.steps.createPlan(TENANT, 'inv2', [
      { plan: 1, index: 1, stepId: 'j+1', templateId: 'reminder', beforeDue: false, state: 'scheduled', scheduledAt: planned.scheduledAt!, localTime: '2026-03-04T09:00:00', at: '2026-03-02T09:00:00.000Z' },
    ] as never);
    w.clock.set(planned.scheduledAt!);
    const outcome = await w.fire({ tenantId: TENANT, invoiceId: 'inv2', stepId: 'j+1', plan: 1, index: 1, scheduledAt: planned.scheduledAt! });
    expect(outcome).toMatchObject({ outcome: 'sent' });
    expect(w.mailer.sent).toHaveLength(2);
  });
});
