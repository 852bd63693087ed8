/**
 * sms and letter steps through the real use cases over the in-memory fakes: the reconciler plans
 * them, the sender texts (in the window, to the billing contact's phone) or produces the letter
 * (`to_post`), and the owner closes the letter when posted.
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/domain/settings.js';
import type { OutgoingSms, SmsSender } from '../../shared/app/ports.js';
import { makeGetLetterPdf, makeListLettersToPost, makeMarkLetterPosted } from '../../shared/app/reminders/letters.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import { composeGroupedSms, composeSms, smsRecipient } from '../../shared/app/reminders/compose-sms.js';
import { smsSegments } from '../../shared/domain/sms-text.js';
import { sha256Hex } from '../../shared/app/reminders/letter-step.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import { defaultTemplate } from '../../shared/domain/default-templates.js';
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

class CapturingSms implements SmsSender {
  readonly sent: OutgoingSms[] = [];
  failures = 0;
  async send(sms: OutgoingSms) {
    if (this.failures-- > 0) throw new Error('Throttled');
    this.sent.push(sms);
    return { messageId: `sms-${this.sent.length}` };
  }
}

/** Letters whose bytes depend on what they say, like the real renderer once dated. */
class DataPdf extends FakePdfRenderer {
  override async letter(data?: unknown) {
    return new TextEncoder().encode(`%PDF-letter ${JSON.stringify(data)}`);
  }
}

const SCENARIO: Scenario = {
  id: 'canaux',
  name: 'Email, SMS, lettre',
  steps: [
    { id: 'mail', offsetDays: 1, anchor: 'due', templateId: 'reminder' },
    { id: 'texto', offsetDays: 4, anchor: 'due', templateId: 'sms-reminder', channel: 'sms' },
    { id: 'lettre', offsetDays: 12, anchor: 'due', templateId: 'formal-notice', channel: 'letter' },
  ],
};

const world = async (client = aClient({ scenarioId: 'canaux', contacts: [{ name: 'Compta', role: 'billing', phone: '+33612345678' }], address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris', country: 'FR' } })) => {
  const clock = fixedClock('2026-03-02T08:00:00.000Z');
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const scenarios = new FakeTenantDocuments<Scenario>();
  const templates = new FakeTenantDocuments<ReminderTemplate>();
  const steps = new FakeStepRepository(invoices, clients);
  const scheduler = new FakeReminderScheduler();
  const sms = new CapturingSms();
  const pdf = new DataPdf();
  await settings.put('acme', {
    ...defaultSettings(),
    sendHour: 21, // a tenant who sends at night: texts must still wait for 08:00
    company: { name: 'Plomberie Martin', siren: '732829320', iban: 'FR7630006000011234567890189' },
    paymentUrl: 'https://pay.example/pm?ref={{invoiceNumber}}&amount={{balance}}',
    sms: { senderId: 'PLOMBERIE' },
  });
  await scenarios.put('acme', SCENARIO);
  await clients.create('acme', client);
  invoices.add(anInvoiceRecord({ dueDate: '2026-03-12', sentAt: '2026-03-02T08:00:00.000Z' }));
  const deps = { invoices, clients, settings, scenarios, steps, clock };
  const reconcile = makeReconcileSchedules({ ...deps, scheduler });
  const fire = makeSendReminder({ ...deps, templates, mailer: { send: async () => ({ messageId: 'mail-1' }) }, pdf, sms });
  await reconcile('acme', 'inv1');
  const fireStep = async (stepId: string) => {
    const record = (await steps.list('acme', 'inv1')).find((r) => r.stepId === stepId)!;
    clock.set(record.scheduledAt!);
    const outcome = await fire({ tenantId: 'acme', invoiceId: 'inv1', stepId, plan: record.plan, index: record.index, scheduledAt: record.scheduledAt!, kind: 'step' });
    await reconcile('acme', 'inv1');
    return outcome;
  };
  return { clock, invoices, steps, sms, pdf, fireStep, deps, clients };
};

const local = (iso: string) => localDateTimeOf(new Date(iso), 'Europe/Paris');

describe('sms steps', () => {
  it('are planned at 08:00 the next morning when the tenant sends at 21:00, and record their channel', async () => {
    const { steps } = await world();
    // The scenario's own steps (the engine may append its escalation step after them).
    const plan = (await steps.list('acme', 'inv1')).filter((r) => SCENARIO.steps.some((s) => s.id === r.stepId));
    expect(plan.map((r) => [r.stepId, r.channel ?? 'email', local(r.scheduledAt!)])).toEqual([
      ['mail', 'email', '2026-03-13T21:00:00'],
      ['texto', 'sms', '2026-03-17T08:00:00'],
      // The text goes the morning after its 21:00 day, the SMS window's own slot: no delay the later steps carry
      // (carried, each text of a 21:00 tenant moved the later steps a day more).
      ['lettre', 'letter', '2026-03-24T21:00:00'],
    ]);
  });

  it('text the billing contact’s phone with the sender and the pay link, recorded sent with the message id', async () => {
    const { fireStep, sms, steps, invoices } = await world();
    await fireStep('mail');
    expect(await fireStep('texto')).toEqual({ outcome: 'sent', messageId: 'sms-1', stepId: 'texto' });
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]).toMatchObject({ to: '+33612345678', originationIdentity: 'PLOMBERIE', tags: { invoice: 'inv1', step: 'texto' } });
    expect(sms.sent[0]!.text).toMatch(/^Plomberie Martin : la facture F-2026-0001 \(.+ €\) est échue depuis le 12\/03\/2026\. Pour régler : https:\/\/pay\.example\/pm\?ref=F-2026-0001&amount=\d+\.\d\d /);
    const record = (await steps.list('acme', 'inv1')).find((r) => r.stepId === 'texto')!;
    expect(record).toMatchObject({ state: 'sent', messageId: 'sms-1', recipients: ['+33612345678'], channel: 'sms' });
    // The timeline event rides on the step (the invoice's timeline reads it there): no event item of its own.
    expect(record.sentEvent).toMatchObject({ type: 'sms.sent', data: { stepId: 'texto', messageId: 'sms-1', to: '+33612345678' } });
    expect((invoices.events.get('acme|inv1') ?? []).some((e) => e.type === 'sms.sent')).toBe(false);
  });

  it('wait for 08:00 when a fire comes at night (a late or retried fire), and never text then', async () => {
    const { steps, sms, deps, clock, fireStep } = await world();
    await fireStep('mail');
    const record = (await steps.list('acme', 'inv1')).find((r) => r.stepId === 'texto')!;
    const fire = makeSendReminder({ ...deps, templates: new FakeTenantDocuments<ReminderTemplate>(), mailer: { send: async () => ({ messageId: 'm' }) }, pdf: new FakePdfRenderer(), sms });
    clock.set('2026-03-17T22:30:00.000Z'); // 23:30 in Paris
    const outcome = await fire({ tenantId: 'acme', invoiceId: 'inv1', stepId: 'texto', plan: record.plan, index: record.index, scheduledAt: record.scheduledAt!, kind: 'step' });
    expect(outcome).toMatchObject({ outcome: 'moved', reason: 'sms_window' });
    expect(sms.sent).toHaveLength(0);
    const moved = (await steps.list('acme', 'inv1')).find((r) => r.stepId === 'texto')!;
    expect(local(moved.scheduledAt!)).toBe('2026-03-18T08:00:00');
  });

  it('are skipped with no_phone when neither a billing contact nor the client has a valid number', async () => {
    const { fireStep, sms } = await world(aClient({ scenarioId: 'canaux', contacts: [{ name: 'Autre', role: 'other', phone: '+33700000000' }] }));
    await fireStep('mail');
    expect(await fireStep('texto')).toMatchObject({ outcome: 'skipped', reason: 'no_phone' });
    expect(sms.sent).toHaveLength(0);
  });

  it('go to the client’s own phone when no billing contact has one; an invalid number is never used', () => {
    expect(smsRecipient({ contacts: [{ name: 'A', role: 'billing', email: 'a@x.test' }], phone: '+33611111111' })).toBe('+33611111111');
    expect(smsRecipient({ contacts: [{ name: 'A', role: 'billing', phone: '0612' }], phone: '+33611111111' })).toBe('+33611111111');
    expect(smsRecipient({ phone: '06 12 34 56 78' })).toBeUndefined();
  });

  it('never go to a French landline, VoIP or special number (a text there is never received): the next mobile, else no_phone', async () => {
    // +33 1…5 landlines, +33 9 VoIP boxes, +33 8 special numbers: only +33 6 and +33 7 receive texts.
    for (const fixed of ['+33123456789', '+33298765432', '+33312345678', '+33412345678', '+33512345678', '+33912345678', '+33812345678']) {
      expect(smsRecipient({ phone: fixed })).toBeUndefined();
      expect(smsRecipient({ contacts: [{ name: 'Standard', role: 'billing', phone: fixed }], phone: '+33712345678' })).toBe('+33712345678');
    }
    expect(smsRecipient({ phone: '+33612345678' })).toBe('+33612345678');
    // Another country's numbers are not judged (no such plan known here).
    expect(smsRecipient({ phone: '+32470123456' })).toBe('+32470123456');
    const { fireStep, sms } = await world(aClient({ scenarioId: 'canaux', phone: '+33145678901', contacts: [{ name: 'Accueil', role: 'billing', phone: '+33970000000' }] }));
    await fireStep('mail');
    expect(await fireStep('texto')).toMatchObject({ outcome: 'skipped', reason: 'no_phone' });
    expect(sms.sent).toHaveLength(0);
  });

  it('give the transfer reference instead of a link when the tenant has no payment URL', () => {
    const text = composeSms(
      { invoice: anInvoiceRecord(), client: aClient(), settings: { ...defaultSettings(), company: { name: 'Plomberie Martin', iban: 'FR7630006000011234567890189' } }, template: defaultTemplate('sms-reminder')!, asOf: new Date('2026-03-20T09:00:00Z') },
      '+33612345678',
    ).text;
    expect(text).toContain('Pour régler : virement IBAN FR76 3000 6000 0112 3456 7890 189, référence F-2026-0001.');
    expect(text.length).toBeLessThan(320);
  });

  it('name several invoices of one client in one text: count, numbers (three at most), total and how to pay', () => {
    const settings = { ...defaultSettings(), company: { name: 'Plomberie Martin', iban: 'FR7630006000011234567890189' } };
    const invoices = [5, 1, 3, 2, 4].map((n) => anInvoiceRecord({ id: `i${n}`, number: `F-2026-000${n}`, dueDate: `2026-03-0${n}` }));
    const asOf = new Date('2026-03-20T09:00:00Z');
    const two = composeGroupedSms({ invoices: invoices.slice(0, 2), client: aClient(), settings, asOf }, '+33612345678');
    expect(two.text).toMatch(/^Plomberie Martin : 2 factures \(F-2026-0001, F-2026-0005\) sont échues, [\d\s\u202f\u00a0]+,\d\d €/);
    expect(two.text).toContain('virement IBAN FR76 3000 6000 0112 3456 7890 189, référence F-2026-0001, F-2026-0005.');
    const five = composeGroupedSms({ invoices, client: aClient(), settings: { ...settings, paymentUrl: 'https://pay.example/x?ref={{invoiceNumber}}' }, asOf }, '+33612345678');
    expect(five.text).toContain('5 factures (F-2026-0001, F-2026-0002, F-2026-0003 et 2 autres)');
    // The link takes the numbers the text lists, then +N (as the EPC QR counts the others), with the total.
    expect(five.text).toContain(`https://pay.example/x?ref=${encodeURIComponent('F-2026-0001, F-2026-0002, F-2026-0003 +2')} `);
    const en = composeGroupedSms({ invoices: invoices.slice(0, 2), client: aClient({ language: 'en' }), settings, asOf }, '+33612345678');
    expect(en.text).toMatch(/^Plomberie Martin: 2 invoices \(F-2026-0001, F-2026-0005\) are overdue/);
    for (const sms of [two, five, en]) expect(sms.text.length).toBeLessThan(320);
    // Before the due date (a courtesy text) nothing is called overdue.
    // 40 invoices: still two GSM-7 parts, with the link or the transfer reference (all the numbers made 9 parts).
    const forty = Array.from({ length: 40 }, (_, i) => anInvoiceRecord({ id: `f${i}`, number: `F-2026-${String(i + 10).padStart(4, '0')}`, dueDate: '2026-03-02' }));
    for (const s of [settings, { ...settings, paymentUrl: 'https://pay.example/x?ref={{invoiceNumber}}&amount={{balance}}' }]) {
      const text = composeGroupedSms({ invoices: forty, client: aClient(), settings: s, asOf }, '+33612345678').text;
      expect(text).toContain('40 factures (F-2026-0010, F-2026-0011, F-2026-0012 et 37 autres)');
      expect(text).toMatch(s.paymentUrl ? /ref=F-2026-0010%2C%20F-2026-0011%2C%20F-2026-0012%20%2B37&amount=/ : /référence F-2026-0010, F-2026-0011, F-2026-0012 \+37\./);
      expect(smsSegments(text).segments, text).toBeLessThanOrEqual(2);
    }
    const early = composeGroupedSms({ invoices: invoices.slice(0, 2), client: aClient(), settings, asOf: new Date('2026-02-20T09:00:00Z') }, '+33612345678');
    expect(early.text).toContain('2 factures (F-2026-0001, F-2026-0005) sont à régler');
  });
});

describe('letter steps', () => {
  it('produce the letter, wait to_post in the tenant’s list, and close sent with the tracking number when posted', async () => {
    const { fireStep, steps, invoices, pdf, clock } = await world();
    await fireStep('mail');
    await fireStep('texto');
    const outcome = await fireStep('lettre');
    expect(outcome).toMatchObject({ outcome: 'to_post', stepId: 'lettre' });
    const record = (await steps.list('acme', 'inv1')).find((r) => r.stepId === 'lettre')!;
    expect(record.state).toBe('to_post');
    expect(record.letter).toMatchObject({ date: '2026-03-24', deadlineDays: 8, invoices: [{ number: 'F-2026-0001' }], indemnityCents: 4000 });
    expect(record.letterSha256).toBe(sha256Hex(await pdf.letter(record.letter)));

    const list = await makeListLettersToPost({ steps })('acme');
    expect(list).toEqual([expect.objectContaining({ invoiceId: 'inv1', stepId: 'lettre', invoiceNumber: 'F-2026-0001', clientName: 'Boulangerie Dupont SARL', pdfUrl: '/invoices/inv1/reminders/lettre/letter.pdf' })]);
    expect(list[0]!.amountCents).toBe(record.letter!.invoices[0]!.balanceCents + record.letter!.penaltiesCents! + 4000);

    const pdfOf = makeGetLetterPdf({ steps, invoices, pdf });
    expect(sha256Hex((await pdfOf('acme', 'inv1', 'lettre')).bytes)).toBe(record.letterSha256);

    clock.set('2026-03-25T10:00:00.000Z');
    const post = makeMarkLetterPosted({ steps, invoices, clock });
    const posted = await post('acme', 'inv1', 'lettre', { trackingNumber: '1A12345678901' });
    expect(posted).toMatchObject({ state: 'sent', channel: 'letter', postedAt: '2026-03-25T10:00:00.000Z', sentAt: '2026-03-25T10:00:00.000Z', trackingNumber: '1A12345678901' });
    expect(await post('acme', 'inv1', 'lettre', {})).toMatchObject({ state: 'sent', trackingNumber: '1A12345678901' });
    await expect(post('acme', 'inv1', 'lettre', { trackingNumber: 'OTHER' })).rejects.toMatchObject({ status: 409 });
    expect(await makeListLettersToPost({ steps })('acme')).toEqual([]);
    expect(sha256Hex((await pdfOf('acme', 'inv1', 'lettre')).bytes)).toBe(record.letterSha256);
    const types = (invoices.events.get('acme|inv1') ?? []).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['reminder.to_post', 'reminder.posted']));
  });

  it('refuse to close a letter not produced yet, a step that is no letter, or an unknown step', async () => {
    const { steps, invoices, clock, pdf } = await world();
    const post = makeMarkLetterPosted({ steps, invoices, clock });
    await expect(post('acme', 'inv1', 'lettre', {})).rejects.toMatchObject({ status: 409 });
    await expect(post('acme', 'inv1', 'texto', {})).rejects.toMatchObject({ status: 409 });
    await expect(post('acme', 'inv1', 'nope', {})).rejects.toMatchObject({ status: 404 });
    await expect(makeGetLetterPdf({ steps, invoices, pdf })('acme', 'inv1', 'lettre')).rejects.toMatchObject({ status: 409 });
  });

  it('are skipped with no_postal_address when the client has no address to post to', async () => {
    const { fireStep } = await world(aClient({ scenarioId: 'canaux', phone: '+33612345678' }));
    await fireStep('mail');
    await fireStep('texto');
    expect(await fireStep('lettre')).toMatchObject({ outcome: 'skipped', reason: 'no_postal_address' });
  });
});
