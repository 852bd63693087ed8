/**
 * ADR 0005: with `groupByClient` off, two invoices of one client whose steps fall in the same send
 * window: the more overdue one goes first whichever schedule fires first (on AWS they fire
 * concurrently), emails and texts alike; the other moves past the gap it takes. Grouping on, or a gap
 * of 0, nothing changes.
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/domain/settings.js';
import type { OutgoingEmail, OutgoingSms, SmsSender } from '../../shared/app/ports.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import type { Channel, Scenario } from '../../shared/domain/scenario.js';
import { localDateTimeOf } from '../../shared/domain/zoned-time.js';
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

const scenario = (channel: Channel): Scenario => ({
  id: 'deux',
  name: 'Deux relances',
  steps: [
    { id: 'r1', offsetDays: 1, anchor: 'due', templateId: channel === 'sms' ? 'sms-reminder' : 'reminder', ...(channel === 'sms' ? { channel } : {}) },
    { id: 'r2', offsetDays: 8, anchor: 'due', templateId: channel === 'sms' ? 'sms-reminder' : 'firm', ...(channel === 'sms' ? { channel } : {}) },
  ],
});

const paris = (iso: string) => localDateTimeOf(new Date(iso), 'Europe/Paris');

/** Old (due 5 March): r2 on Friday 13. Young (due 12 March, a lower number): r1 on Friday 13 too. */
const world = async (channel: Channel, over: { groupByClient?: boolean; minGapDays?: number } = {}) => {
  const clock = fixedClock('2026-03-02T08:00:00.000Z');
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const scenarios = new FakeTenantDocuments<Scenario>();
  const steps = new FakeStepRepository(invoices, clients);
  const scheduler = new FakeReminderScheduler();
  const sent: string[] = [];
  const sms: SmsSender = { send: async (m: OutgoingSms) => (sent.push(`${m.tags?.invoice} ${m.tags?.step}`), { messageId: `sms-${sent.length}` }) };
  const mailer = { send: async (m: OutgoingEmail) => (sent.push(`${m.tags?.invoice} ${m.tags?.step}`), { messageId: `mail-${sent.length}` }) };
  await settings.put('acme', {
    ...defaultSettings(), minGapDays: over.minGapDays ?? 3, groupByClient: over.groupByClient ?? false,
    company: { name: 'Plomberie Martin', siren: '732829320', iban: 'FR7630006000011234567890189' }, sms: { senderId: 'PLOMBERIE' },
  });
  await scenarios.put('acme', scenario(channel));
  await clients.create('acme', aClient({ scenarioId: 'deux', phone: '+33612345678' }));
  invoices.add(anInvoiceRecord({ id: 'young', number: 'F-2026-0001', dueDate: '2026-03-12', sentAt: '2026-03-02T08:00:00.000Z' }));
  invoices.add(anInvoiceRecord({ id: 'old', number: 'F-2026-0002', dueDate: '2026-03-05', sentAt: '2026-03-02T08:00:00.000Z' }));
  const deps = { invoices, clients, settings, scenarios, steps, clock };
  const reconcile = makeReconcileSchedules({ ...deps, scheduler });
  const fire = makeSendReminder({ ...deps, templates: new FakeTenantDocuments<ReminderTemplate>(), mailer, pdf: new FakePdfRenderer(), sms });
  for (const id of ['young', 'old']) await reconcile('acme', id);
  const stepOf = async (id: string, stepId: string) => (await steps.list('acme', id)).find((r) => r.stepId === stepId)!;
  const fireStep = async (id: string, stepId: string) => {
    const record = await stepOf(id, stepId);
    if (clock.now().toISOString() < record.scheduledAt!) clock.set(record.scheduledAt!);
    const outcome = await fire({ tenantId: 'acme', invoiceId: id, stepId, plan: record.plan, index: record.index, scheduledAt: record.scheduledAt!, kind: 'step' });
    for (const x of ['young', 'old']) await reconcile('acme', x);
    return outcome;
  };
  // Old's r1 (6 March) goes out on its own.
  await fireStep('old', 'r1');
  sent.length = 0;
  return { fireStep, stepOf, sent };
};

describe('two invoices of one client due in the same window, not grouped', () => {
  for (const channel of ['email', 'sms'] as const) {
    it(`sends the more overdue one first even when the other fires first (${channel})`, async () => {
      const { fireStep, stepOf, sent } = await world(channel);
      expect(paris((await stepOf('old', 'r2')).scheduledAt!).slice(0, 10)).toBe('2026-03-13');
      expect(paris((await stepOf('young', 'r1')).scheduledAt!).slice(0, 10)).toBe('2026-03-13');
      // Young's schedule fires first: it finds old due now and moves past the gap old's message takes.
      expect(await fireStep('young', 'r1')).toMatchObject({ outcome: 'moved', reason: 'gap' });
      expect(paris((await stepOf('young', 'r1')).scheduledAt!).slice(0, 10)).toBe('2026-03-16');
      expect(sent).toEqual([]);
      expect(await fireStep('old', 'r2')).toMatchObject({ outcome: 'sent' });
      expect(await fireStep('young', 'r1')).toMatchObject({ outcome: 'sent' });
      expect(sent).toEqual(['old r2', 'young r1']);
    });
  }

  it('sends the more overdue one when it fires first, the other then meets the gap', async () => {
    const { fireStep, sent } = await world('email');
    expect(await fireStep('old', 'r2')).toMatchObject({ outcome: 'sent' });
    expect(await fireStep('young', 'r1')).toMatchObject({ outcome: 'moved', reason: 'gap' });
    expect(sent).toEqual(['old r2']);
  });

  it('leaves a gap of 0 alone: both go the same day, in the order they fire', async () => {
    const { fireStep, sent } = await world('email', { minGapDays: 0 });
    expect(await fireStep('young', 'r1')).toMatchObject({ outcome: 'sent' });
    expect(await fireStep('old', 'r2')).toMatchObject({ outcome: 'sent' });
    expect(sent).toEqual(['young r1', 'old r2']);
  });

  it('leaves grouping alone: one message for both', async () => {
    const { fireStep, sent } = await world('email', { groupByClient: true });
    expect(await fireStep('young', 'r1')).toMatchObject({ outcome: 'sent' });
    expect(sent).toEqual(['young r1']);
    expect(await fireStep('old', 'r2')).toMatchObject({ outcome: 'ignored' });
  });
});
