/**
 * One client, one send day, an email step of one invoice and an sms step of another: the email goes
 * first whichever schedule fires first, and the text then meets the client's gap like any message
 * (moved past it, or sent after the email when the gap is 0). Never two texts or two emails a day.
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/domain/settings.js';
import type { OutgoingEmail, OutgoingSms, SmsSender } from '../../shared/app/ports.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import type { Scenario } from '../../shared/domain/scenario.js';
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

const SCENARIO: Scenario = {
  id: 'canaux',
  name: 'Email puis SMS',
  steps: [
    { id: 'mail', offsetDays: 1, anchor: 'due', templateId: 'reminder' },
    { id: 'texto', offsetDays: 4, anchor: 'due', templateId: 'sms-reminder', channel: 'sms' },
  ],
};

const world = async (minGapDays: number) => {
  const clock = fixedClock('2026-03-02T08:00:00.000Z');
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const scenarios = new FakeTenantDocuments<Scenario>();
  const steps = new FakeStepRepository(invoices, clients);
  const scheduler = new FakeReminderScheduler();
  const sent: string[] = [];
  const sms: SmsSender = { send: async (m: OutgoingSms) => (sent.push(`sms ${m.tags?.invoice}`), { messageId: `sms-${sent.length}` }) };
  const mailer = { send: async (m: OutgoingEmail) => (sent.push(`email ${m.tags?.invoice}`), { messageId: `mail-${sent.length}` }) };
  await settings.put('acme', { ...defaultSettings(), minGapDays, company: { name: 'Plomberie Martin', siren: '732829320', iban: 'FR7630006000011234567890189' }, sms: { senderId: 'PLOMBERIE' } });
  await scenarios.put('acme', SCENARIO);
  await clients.create('acme', aClient({ scenarioId: 'canaux', phone: '+33612345678' }));
  // A's email (J+1) and B's text (J+4) both fall on Friday 13 March.
  invoices.add(anInvoiceRecord({ id: 'A', number: 'F-2026-0001', dueDate: '2026-03-12', sentAt: '2026-03-02T08:00:00.000Z' }));
  invoices.add(anInvoiceRecord({ id: 'B', number: 'F-2026-0002', dueDate: '2026-03-09', sentAt: '2026-03-02T08:00:00.000Z' }));
  const deps = { invoices, clients, settings, scenarios, steps, clock };
  const reconcile = makeReconcileSchedules({ ...deps, scheduler });
  const fire = makeSendReminder({ ...deps, templates: new FakeTenantDocuments<ReminderTemplate>(), mailer, pdf: new FakePdfRenderer(), sms });
  for (const id of ['A', 'B']) await reconcile('acme', id);
  const stepOf = async (id: string, stepId: string) => (await steps.list('acme', id)).find((r) => r.stepId === stepId)!;
  // `lateMs`: the schedule fires that long after its time (EventBridge Scheduler and the local clock always do, a little).
  const fireStep = async (id: string, stepId: string, lateMs = 0) => {
    const record = await stepOf(id, stepId);
    const due = new Date(Date.parse(record.scheduledAt!) + lateMs).toISOString();
    if (clock.now().toISOString() < due) clock.set(due);
    const outcome = await fire({ tenantId: 'acme', invoiceId: id, stepId, plan: record.plan, index: record.index, scheduledAt: record.scheduledAt!, kind: 'step' });
    for (const x of ['A', 'B']) await reconcile('acme', x);
    return outcome;
  };
  // B's own email (J+1, 10 March) goes first.
  await fireStep('B', 'mail');
  sent.length = 0;
  return { fireStep, stepOf, sent };
};

const paris = (iso: string) => localDateTimeOf(new Date(iso), 'Europe/Paris');

describe('an email and a text for one client on the same day', () => {
  it('send the email first even when the text fires first; the text then moves past the client gap, with its reasons', async () => {
    const { fireStep, stepOf, sent } = await world(3);
    expect(paris((await stepOf('A', 'mail')).scheduledAt!)).toBe('2026-03-13T09:00:00');
    expect(paris((await stepOf('B', 'texto')).scheduledAt!)).toBe('2026-03-13T09:00:00');
    // The text's schedule fires first: it waits behind the email.
    expect(await fireStep('B', 'texto')).toMatchObject({ outcome: 'moved', reason: 'email_first' });
    expect(paris((await stepOf('B', 'texto')).scheduledAt!)).toBe('2026-03-13T09:01:00');
    expect(await fireStep('A', 'mail')).toMatchObject({ outcome: 'sent' });
    // Its next fire meets the gap the email took: three days later, not the same day.
    expect(await fireStep('B', 'texto')).toMatchObject({ outcome: 'moved', reason: 'gap' });
    const text = await stepOf('B', 'texto');
    expect([text.state, text.reason, paris(text.scheduledAt!)]).toEqual(['scheduled', 'gap', '2026-03-16T09:00:00']);
    expect(sent).toEqual(['email A']);
    expect(await fireStep('B', 'texto')).toMatchObject({ outcome: 'sent' });
    expect(sent).toEqual(['email A', 'sms B']);
  });

  it('send both the same day, the email first, when the client gap is 0', async () => {
    const { fireStep, stepOf, sent } = await world(0);
    expect(await fireStep('B', 'texto')).toMatchObject({ outcome: 'moved', reason: 'email_first' });
    expect(await fireStep('A', 'mail')).toMatchObject({ outcome: 'sent' });
    expect(await fireStep('B', 'texto')).toMatchObject({ outcome: 'sent' });
    expect(sent).toEqual(['email A', 'sms B']);
    expect(paris((await stepOf('B', 'texto')).sentAt!)).toBe('2026-03-13T09:01:00');
  });

  it('leave the text alone when the email fired first: the gap moves it, no wait', async () => {
    const { fireStep, sent } = await world(3);
    expect(await fireStep('A', 'mail')).toMatchObject({ outcome: 'sent' });
    expect(await fireStep('B', 'texto')).toMatchObject({ outcome: 'moved', reason: 'gap' });
    expect(sent).toEqual(['email A']);
  });

  it('wait one minute past the email, not two, when the text’s schedule fires a few milliseconds late (the simulation’s minute)', async () => {
    const { fireStep, stepOf } = await world(0);
    expect(await fireStep('B', 'texto', 137)).toMatchObject({ outcome: 'moved', reason: 'email_first' });
    expect(paris((await stepOf('B', 'texto')).scheduledAt!)).toBe('2026-03-13T09:01:00');
    // A fire well after the email's time still waits a minute past now.
    expect(await fireStep('B', 'texto', 90_500)).toMatchObject({ outcome: 'moved', reason: 'email_first' });
    expect(paris((await stepOf('B', 'texto')).scheduledAt!)).toBe('2026-03-13T09:03:00');
  });
});
