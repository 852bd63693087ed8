/**
 * One client, one send day, a letter step of one invoice and an email or a text of another: the letter
 * goes last whichever schedule fires first (the simulation's order: email, text, letter), and then meets
 * the client's gap like any message. Before, the first fire took the client's window: the simulation
 * showed the text sent and the letter moved past the gap, the clock run did the opposite.
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
  id: 'canaux',
  name: 'Message puis lettre',
  steps: [
    { id: 'msg', offsetDays: 1, anchor: 'due', templateId: channel === 'sms' ? 'sms-reminder' : 'reminder', ...(channel === 'sms' ? { channel } : {}) },
    { id: 'lettre', offsetDays: 4, anchor: 'due', templateId: 'formal-notice', channel: 'letter' },
  ],
});

// `ownOnly`: after a fire, re-plan only that invoice, as the stream does (a change on one invoice re-plans that one).
const world = async (minGapDays: number, channel: Channel, sendHour = 9, ownOnly = false) => {
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
  await settings.put('acme', { ...defaultSettings(), minGapDays, sendHour, company: { name: 'Plomberie Martin', siren: '732829320', iban: 'FR7630006000011234567890189', address: { line1: '4 rue du Port', postalCode: '44000', city: 'Nantes', country: 'FR' } }, sms: { senderId: 'PLOMBERIE' } });
  await scenarios.put('acme', scenario(channel));
  await clients.create('acme', aClient({ scenarioId: 'canaux', phone: '+33612345678', address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris', country: 'FR' } }));
  // B's letter (J+4) and A's message (J+1) both fall on Friday 13 March.
  invoices.add(anInvoiceRecord({ id: 'A', number: 'F-2026-0001', dueDate: '2026-03-12', sentAt: '2026-03-02T08:00:00.000Z' }));
  invoices.add(anInvoiceRecord({ id: 'B', number: 'F-2026-0002', dueDate: '2026-03-09', sentAt: '2026-03-02T08:00:00.000Z' }));
  const deps = { invoices, clients, settings, scenarios, steps, clock };
  const reconcile = makeReconcileSchedules({ ...deps, scheduler });
  const fire = makeSendReminder({ ...deps, templates: new FakeTenantDocuments<ReminderTemplate>(), mailer, pdf: new FakePdfRenderer(), sms });
  for (const id of ['A', 'B']) await reconcile('acme', id);
  const stepOf = async (id: string, stepId: string) => (await steps.list('acme', id)).find((r) => r.stepId === stepId)!;
  const fireStep = async (id: string, stepId: string) => {
    const record = await stepOf(id, stepId);
    if (clock.now().toISOString() < record.scheduledAt!) clock.set(record.scheduledAt!);
    const outcome = await fire({ tenantId: 'acme', invoiceId: id, stepId, plan: record.plan, index: record.index, scheduledAt: record.scheduledAt!, kind: 'step' });
    for (const x of ownOnly ? [id] : ['A', 'B']) await reconcile('acme', x);
    return outcome;
  };
  // B's own message (J+1, 10 March) goes first.
  await fireStep('B', 'msg');
  sent.length = 0;
  return { fireStep, stepOf, sent };
};

const paris = (iso: string) => localDateTimeOf(new Date(iso), 'Europe/Paris');

describe.each(['sms', 'email'] as const)('a letter and a %s for one client on the same day', (channel) => {
  it('produce the letter after the message even when the letter fires first; it then moves past the client gap', async () => {
    const { fireStep, stepOf, sent } = await world(3, channel);
    expect(paris((await stepOf('A', 'msg')).scheduledAt!)).toBe('2026-03-13T09:00:00');
    expect(paris((await stepOf('B', 'lettre')).scheduledAt!)).toBe('2026-03-13T09:00:00');
    expect(await fireStep('B', 'lettre')).toMatchObject({ outcome: 'moved', reason: channel === 'sms' ? 'text_first' : 'email_first' });
    expect(paris((await stepOf('B', 'lettre')).scheduledAt!)).toBe('2026-03-13T09:01:00');
    expect(await fireStep('A', 'msg')).toMatchObject({ outcome: 'sent' });
    expect(sent).toEqual([`${channel} A`]);
    expect(await fireStep('B', 'lettre')).toMatchObject({ outcome: 'moved', reason: 'gap' });
    const letter = await stepOf('B', 'lettre');
    expect([letter.state, paris(letter.scheduledAt!)]).toEqual(['scheduled', '2026-03-16T09:00:00']);
    expect((await fireStep('B', 'lettre')).outcome).not.toBe('moved');
    expect((await stepOf('B', 'lettre')).state).toBe('to_post');
  });

  it('produce it a minute after the message when the client gap is 0', async () => {
    const { fireStep, stepOf, sent } = await world(0, channel);
    expect(await fireStep('B', 'lettre')).toMatchObject({ outcome: 'moved' });
    expect(await fireStep('A', 'msg')).toMatchObject({ outcome: 'sent' });
    await fireStep('B', 'lettre');
    expect(sent).toEqual([`${channel} A`]);
    const letter = await stepOf('B', 'lettre');
    expect([letter.state, paris(letter.scheduledAt!)]).toEqual(['to_post', '2026-03-13T09:01:00']);
  });
});

describe('a letter at 07:00 and a text the window holds until 08:00, for one client on the same day', () => {
  it('produce the letter after the text, past the client gap, as the simulation shows (it went first, the text moved)', async () => {
    const { fireStep, stepOf, sent } = await world(1, 'sms', 7, true);
    expect(paris((await stepOf('B', 'lettre')).scheduledAt!)).toBe('2026-03-13T07:00:00');
    expect(paris((await stepOf('A', 'msg')).scheduledAt!)).toBe('2026-03-13T08:00:00');
    expect(await fireStep('B', 'lettre')).toMatchObject({ outcome: 'moved', reason: 'text_first' });
    expect((await stepOf('B', 'lettre')).state).toBe('scheduled');
    expect(await fireStep('A', 'msg')).toMatchObject({ outcome: 'sent' });
    expect(paris((await stepOf('A', 'msg')).sentAt!)).toBe('2026-03-13T08:00:00');
    // Friday's text, a gap of 1 day, the weekend: Monday 07:00.
    for (let i = 0; i < 3 && (await stepOf('B', 'lettre')).state === 'scheduled'; i++) await fireStep('B', 'lettre');
    const letter = await stepOf('B', 'lettre');
    expect([letter.state, paris(letter.scheduledAt!)]).toEqual(['to_post', '2026-03-16T07:00:00']);
    expect(sent).toEqual(['sms A']);
  });
});
