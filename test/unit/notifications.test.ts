import { describe, expect, it } from 'vitest';
import { makeDailyOverview, makeSendDailyOverview } from '../../shared/app/notifications/daily-overview.js';
import { makeMarkAllNotificationsRead } from '../../shared/app/notifications/notifications.js';
import { describe as describeNotification, makeNotifyOwner, makeSyncPaymentLog } from '../../shared/app/notifications/notify-owner.js';
import { makeSyncOverviewSchedule, overviewScheduleName } from '../../shared/app/notifications/overview-schedule.js';
import { notificationChangeTarget as targetOfItem } from '../../shared/app/notifications/stream-changes.js';
import { makeCancelReminderStep } from '../../shared/app/reminders/cancel-step.js';
import type { Mailer, OutgoingEmail } from '../../shared/app/ports.js';
import { notificationFacts, notificationKindOf, type Notification } from '../../shared/domain/notification.js';
import { emailTexts } from '../../templates/email/index.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { parseItemKey } from '../../shared/adapters/dynamo/keys.js';
import { aClient, anInvoiceRecord, FakeClientRepository, FakeInvoiceRepository, FakeMailer, FakeSettingsRepository, FakeStepRepository, fixedClock } from '../fixtures/fakes.js';
import { FakeNotificationRepository, FakeRecurringScheduler } from '../fixtures/notification-fakes.js';

/** As the notify-owner handler does: the record's keys parsed, then the use case's decision. */
const notificationChangeTarget = (keys: { PK: string; SK: string }, eventName: string, newImage?: Record<string, unknown>) =>
  targetOfItem(parseItemKey(keys), eventName, newImage);

const TENANT = 'acme';

const world = (now = '2026-03-12T06:00:00.000Z') => {
  const invoices = new FakeInvoiceRepository().add(anInvoiceRecord());
  const clients = new FakeClientRepository();
  void clients.create(TENANT, aClient());
  const settings = new FakeSettingsRepository();
  settings.byTenant.set(TENANT, { ...defaultSettings(), company: { name: 'Plomberie Martin', email: 'owner@plomberie.test' } });
  const notifications = new FakeNotificationRepository();
  const mailer = new FakeMailer();
  const clock = fixedClock(now);
  const steps = new FakeStepRepository();
  const deps = { invoices, clients, settings, notifications, paymentLog: notifications, mailer, clock, steps };
  return { ...deps, deps, notify: makeNotifyOwner(deps) };
};

const failedStep = (eventId = '01JALERT0000000000000000A1') => ({
  kind: 'notify' as const, tenantId: TENANT, invoiceId: 'inv1', eventId,
  notification: { kind: 'send_failed' as const, at: '2026-03-12T08:00:00.000Z', detail: { stepId: 'j+1' } },
});

describe('which timeline events notify the owner', () => {
  it.each([
    [{ type: 'email.bounced', data: { bounceType: 'Permanent' } }, 'bounce'],
    [{ type: 'email.bounced', data: { bounceType: 'Undetermined' } }, 'bounce'],
    [{ type: 'email.bounced', data: { bounceType: 'Transient' } }, undefined],
    [{ type: 'email.complained' }, 'complaint'],
    // The same bounce or complaint copied to the other invoices of a grouped reminder alerts once, from the lead's event.
    [{ type: 'email.bounced', data: { bounceType: 'Permanent', groupOf: 'inv1' } }, undefined],
    [{ type: 'email.complained', data: { groupOf: 'inv1' } }, undefined],
    [{ type: 'portal.disputed', data: { reason: 'travaux non finis' } }, 'dispute'],
    [{ type: 'portal.promised', data: { date: '2026-04-01' } }, 'promise'],
    [{ type: 'portal.paid_claimed', data: { date: '2026-03-10' } }, 'paid_claim'],
    [{ type: 'owner.alerted', data: { reason: 'send_failed' } }, 'send_failed'],
    [{ type: 'owner.alerted', data: { reason: 'unknown_outcome' } }, 'unknown_outcome'],
    // A credit note SES refused: issued all the same, the client never got it.
    [{ type: 'credit_note.email_failed', data: { number: 'A-2026-0001', creditNote: 'A-2026-0001' } }, 'send_failed'],
    [{ type: 'credit_note.issued', data: { number: 'A-2026-0001' } }, undefined],
    [{ type: 'plan.requested', data: { instalments: 3 } }, 'plan_request'],
    [{ type: 'instalment.missed', data: { dueDate: '2026-03-01', instalment: 0, dueCents: 5_000 } }, 'plan_missed'],
    [{ type: 'plan.ended', data: { reason: 'missed' } }, undefined],
    [{ type: 'invoice.litigation', data: { auto: true } }, 'litigation'],
    [{ type: 'invoice.litigation', data: { auto: false } }, undefined],
    [{ type: 'invoice.disputed', data: { reason: 'owner said so' } }, undefined],
    [{ type: 'invoice.paused', data: { reason: 'holiday' } }, undefined],
    [{ type: 'reminder.sent' }, undefined],
    // A step the client's details keep from going out needs the owner; other skips are the invoice's state or already alerted.
    [{ type: 'reminder.skipped', data: { stepId: 'texto', reason: 'no_phone' } }, 'step_skipped'],
    [{ type: 'reminder.skipped', data: { stepId: 'lettre', reason: 'no_postal_address' } }, 'step_skipped'],
    [{ type: 'reminder.skipped', data: { stepId: 'j+1', reason: 'paid' } }, undefined],
    [{ type: 'reminder.skipped', data: { stepId: 'j+1', reason: 'address_failing' } }, undefined],
  ])('%j → %s', (event, kind) => {
    expect(notificationKindOf({ at: '2026-03-12T08:00:00.000Z', ...event })).toBe(kind);
  });

  // The event as shared/app/credit-notes.ts writes it when SES refuses the credit note's email: the owner is told which
  // credit note the client did not get and to send it himself, not that a reminder failed.
  it('tells the owner which credit note did not reach the client, not that a reminder failed', () => {
    const facts = notificationFacts({ type: 'credit_note.email_failed', at: '2026-03-12T08:00:00.000Z', data: { number: 'A-2026-0003', creditNote: 'A-2026-0003' } })!;
    expect(facts).toMatchObject({ kind: 'send_failed', detail: { creditNote: 'A-2026-0003' } });
    const notification: Notification = { id: 'e1', tenantId: 't', invoiceId: 'inv1', invoiceNumber: 'F-2026-0005', clientName: 'Sophie Martin', read: false, email: 'pending', ...facts };
    const fr = emailTexts('fr').ownerNotification(describeNotification(notification, 'fr'));
    expect(fr.subject).toBe('[Relances] Avoir non envoyé — facture F-2026-0005 (Sophie Martin)');
    expect(fr.text).toContain("L'avoir A-2026-0003 est émis, mais son e-mail au client a été refusé par le service d'envoi");
    expect(fr.text).not.toContain('relance');
    const en = emailTexts('en').ownerNotification(describeNotification(notification, 'en'));
    expect(en.subject).toBe('[Relances] Credit note not sent — invoice F-2026-0005 (Sophie Martin)');
    expect(en.text).toContain('Credit note A-2026-0003 is issued, but its email to the client was refused by the sending service');
  });

  // The event as POST /portal/{token}/plan-request writes it: the instalments themselves, and the client's note.
  it('tells the owner how many instalments the client asks for, and the note the client wrote', () => {
    const facts = notificationFacts({
      type: 'plan.requested',
      at: '2026-03-12T08:00:00.000Z',
      data: { instalments: [{ dueDate: '2026-04-01', amountCents: 24_000 }, { dueDate: '2026-05-01', amountCents: 24_000 }], note: 'Deux fois, merci !' },
    })!;
    const notification: Notification = { id: 'e1', tenantId: 't', invoiceId: 'inv1', invoiceNumber: 'F-2026-0005', clientName: 'Sophie Martin', read: false, email: 'pending', ...facts };
    const fr = emailTexts('fr').ownerNotification(describeNotification(notification, 'fr'));
    expect(fr.text).toContain('Le client demande à payer en 2\u00a0fois\u202f: «\u202fDeux fois, merci\u202f!\u202f».');
    const en = emailTexts('en').ownerNotification(describeNotification(notification, 'en'));
    expect(en.text).toContain('The client asks to pay in 2 instalments: "Deux fois, merci !".');
    // One instalment is more time to pay the whole balance at once, not "en 1 fois" / "in 1 instalments".
    const one = notificationFacts({ type: 'plan.requested', at: '2026-03-12T08:00:00.000Z', data: { instalments: [{ dueDate: '2026-04-01', amountCents: 48_000 }] } })!;
    const single: Notification = { ...notification, ...one };
    expect(emailTexts('fr').ownerNotification(describeNotification(single, 'fr')).text).toContain('Le client demande un délai pour payer en une seule fois. Acceptez ou refusez depuis la facture.');
    expect(emailTexts('en').ownerNotification(describeNotification(single, 'en')).text).toContain('The client asks for more time to pay in a single instalment. Accept or decline from the invoice.');
  });

  // The event as the plan check writes it on a paused invoice (shared/app/reminders/plan-lifecycle.ts `heldOf`): nothing
  // resumes until the owner lifts an open-ended pause, and a dated one resumes on its date (not "les relances reprennent").
  it('tells the owner that a paused invoice’s reminders stay paused when its plan ends missed, until the pause’s date if it has one', () => {
    const missed = (data: Record<string, unknown>) => {
      const facts = notificationFacts({ type: 'instalment.missed', at: '2026-03-12T08:00:00.000Z', data: { dueDate: '2026-02-20', instalment: 0, dueCents: 5_000, ...data } })!;
      const notification: Notification = { id: 'e1', tenantId: 't', invoiceId: 'inv1', invoiceNumber: 'F-2026-0005', clientName: 'Sophie Martin', read: false, email: 'pending', ...facts };
      return { fr: emailTexts('fr').ownerNotification(describeNotification(notification, 'fr')).text, en: emailTexts('en').ownerNotification(describeNotification(notification, 'en')).text };
    };
    const open = missed({ held: 'paused' });
    expect(open.fr).toContain("L'échéance du 20/02/2026 n'a pas été réglée à temps\u202f: l'échéancier est terminé. Les relances de la facture étant suspendues, aucune ne repart tant que vous ne les reprenez pas.");
    expect(open.en).toContain("The instalment due on 20 February 2026 was not paid in time: the payment plan has ended. The invoice's reminders being paused, none goes out until you resume them.");
    const dated = missed({ held: 'paused', until: '2026-04-01' });
    expect(dated.fr).toContain('Les relances de la facture étant suspendues, elles reprendront le 01/04/2026.');
    expect(dated.en).toContain("The invoice's reminders being paused, they will resume on 1 April 2026.");
    for (const text of [open.fr, dated.fr]) expect(text).not.toContain('reprennent');
    expect(missed({}).fr).toContain('les relances de la facture reprennent là où elles en étaient');
  });

  it('takes the notification id from the event key, and only inserted events', () => {
    const keys = { PK: 'T#acme#INV#inv1', SK: 'EVENT#2026-03-12T08:00:00.000Z#01JEVENT000000000000000001' };
    const image = { type: 'portal.promised', at: '2026-03-12T08:00:00.000Z', data: { date: '2026-04-01' } };
    expect(notificationChangeTarget(keys, 'INSERT', image)).toEqual({
      kind: 'notify', tenantId: 'acme', invoiceId: 'inv1', eventId: '01JEVENT000000000000000001',
      notification: { kind: 'promise', at: '2026-03-12T08:00:00.000Z', detail: { date: '2026-04-01' } },
    });
    expect(notificationChangeTarget(keys, 'MODIFY', image)).toBeUndefined();
    expect(notificationChangeTarget({ PK: 'T#acme#INV#inv1', SK: 'PAYMENT#p1' }, 'MODIFY')).toEqual({ kind: 'payment', tenantId: 'acme', invoiceId: 'inv1', paymentId: 'p1' });
    expect(notificationChangeTarget({ PK: 'T#acme', SK: 'SETTINGS' }, 'INSERT')).toEqual({ kind: 'settings', tenantId: 'acme' });
    expect(notificationChangeTarget({ PK: 'T#acme', SK: 'CLIENT#c1' }, 'MODIFY')).toBeUndefined();
  });
});

describe('notifying the owner from the stream', () => {
  it('creates one notification and sends one email however often the record comes', async () => {
    const w = world();
    expect(await w.notify(failedStep())).toBe('emailed');
    expect(await w.notify(failedStep())).toBe('exists');
    expect(await w.notify(failedStep())).toBe('exists');
    expect([...w.notifications.items.values()]).toMatchObject([{ kind: 'send_failed', invoiceNumber: 'F-2026-0001', clientName: 'Boulangerie Dupont SARL', read: false, email: 'sent' }]);
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]).toMatchObject({ to: ['owner@plomberie.test'], subject: '[Relances] Relance non envoyée — facture F-2026-0001 (Boulangerie Dupont SARL)' });
    // Never tagged with the invoice: its bounce must not become a notification about the invoice.
    expect(w.mailer.sent[0]!.tags).toEqual({ tenant: TENANT, kind: 'owner-notification' });
  });

  it('links the invoice’s page in the web app when the stack knows its address, in the owner’s language', async () => {
    const w = world();
    const notify = makeNotifyOwner({ ...w.deps, appUrl: 'https://app.example' });
    expect(await notify(failedStep())).toBe('emailed');
    expect(w.mailer.sent[0]!.text).toContain('\nVoir la facture\u202f: https://app.example/invoices/inv1');
    // Without an address, no line pointing at nothing.
    const bare = world();
    await bare.notify(failedStep());
    expect(bare.mailer.sent[0]!.text).not.toContain('Voir la facture');
  });

  it('keeps a notification read when its record comes again late', async () => {
    const w = world();
    await w.notify(failedStep());
    await w.notifications.markRead(TENANT, failedStep().eventId, '2026-03-12T09:00:00.000Z');
    expect(await w.notify(failedStep())).toBe('exists');
    expect((await w.notifications.get(TENANT, failedStep().eventId))?.read).toBe(true);
  });

  it('lists without emailing when immediate emails are off, and goes to notifyEmail when set', async () => {
    const w = world();
    w.settings.byTenant.set(TENANT, { ...(await w.settings.get(TENANT)), notifications: { immediate: false, dailyOverview: true, overviewHour: 7 } });
    expect(await w.notify(failedStep('01JALERT0000000000000000B1'))).toBe('created');
    expect(w.mailer.sent).toEqual([]);
    expect((await w.notifications.get(TENANT, '01JALERT0000000000000000B1'))?.email).toBe('off');
    w.settings.byTenant.set(TENANT, { ...(await w.settings.get(TENANT)), notifyEmail: 'assistant@plomberie.test', notifications: { immediate: true, dailyOverview: true, overviewHour: 7 } });
    await w.notify(failedStep('01JALERT0000000000000000B2'));
    expect(w.mailer.sent.map((m) => m.to)).toEqual([['assistant@plomberie.test']]);
  });

  it('records a failed email without failing the stream batch', async () => {
    const w = world();
    const failing: Mailer = { send: async () => { throw new Error('Throttling'); } };
    const notify = makeNotifyOwner({ ...w.deps, mailer: failing });
    expect(await notify(failedStep())).toBe('created');
    expect((await w.notifications.get(TENANT, failedStep().eventId))?.email).toBe('failed');
  });

  it('marks every unread notification read, and only those', async () => {
    const w = world();
    for (let i = 0; i < 130; i++) await w.notify(failedStep(`01JALERT${String(i).padStart(18, '0')}`));
    await w.notifications.markRead(TENANT, '01JALERT000000000000000000', '2026-03-12T07:00:00.000Z');
    const result = await makeMarkAllNotificationsRead(w.deps)(TENANT);
    expect(result).toEqual({ marked: 129, remaining: false });
    expect((await w.notifications.list(TENANT, { unread: true }, { limit: 10 })).items).toEqual([]);
    expect((await w.notifications.get(TENANT, '01JALERT000000000000000000'))?.readAt).toBe('2026-03-12T07:00:00.000Z');
  });
});

describe('the payment log', () => {
  it('files a payment under its date and takes it out when removed, whatever order the records come in', async () => {
    const w = world();
    const sync = makeSyncPaymentLog(w.deps);
    const payment = { id: 'p1', invoiceId: 'inv1', amountCents: 30_000, date: '2026-03-11', method: 'transfer', createdAt: '2026-03-11T10:00:00.000Z' };
    w.invoices.paymentsOf.set(`${TENANT}|inv1`, [payment]);
    await sync({ kind: 'payment', tenantId: TENANT, invoiceId: 'inv1', paymentId: 'p1' });
    expect(await w.notifications.onDate(TENANT, '2026-03-11')).toEqual([{ date: '2026-03-11', invoiceId: 'inv1', paymentId: 'p1', invoiceNumber: 'F-2026-0001', clientName: 'Boulangerie Dupont SARL', amountCents: 30_000, method: 'transfer' }]);
    w.invoices.paymentsOf.set(`${TENANT}|inv1`, [{ ...payment, removedAt: '2026-03-11T11:00:00.000Z' }]);
    await sync({ kind: 'payment', tenantId: TENANT, invoiceId: 'inv1', paymentId: 'p1' });
    // The insert's record, late: the payment as it is now (removed) wins.
    await sync({ kind: 'payment', tenantId: TENANT, invoiceId: 'inv1', paymentId: 'p1' });
    expect(await w.notifications.onDate(TENANT, '2026-03-11')).toEqual([]);
  });
});

describe('the daily overview', () => {
  const planned = async (w: ReturnType<typeof world>) => {
    await w.steps.createPlan(TENANT, 'inv1', [
      { plan: 1, index: 0, stepId: 'j-5', templateId: 'courtesy', state: 'sent', at: '2026-03-06T08:00:00.000Z', sentAt: '2026-03-06T08:00:00.000Z' },
      { plan: 1, index: 1, stepId: 'j+1', templateId: 'first', state: 'scheduled', at: '2026-03-06T08:00:00.000Z', scheduledAt: '2026-03-13T08:00:00.000Z', localTime: '2026-03-13T09:00:00' },
      { plan: 1, index: 2, stepId: 'letter', templateId: 'formal', state: 'to_post' as never, at: '2026-03-10T08:00:00.000Z' },
    ]);
  };

  it('lists the day\'s reminders with their cancel route, letters to post, yesterday\'s payments, new overdue and unread alerts', async () => {
    const w = world('2026-03-13T06:00:00.000Z');
    await planned(w);
    await w.notifications.put(TENANT, { date: '2026-03-12', invoiceId: 'inv1', paymentId: 'p1', invoiceNumber: 'F-2026-0001', clientName: 'Boulangerie Dupont SARL', amountCents: 10_000, method: 'card' });
    await w.notifications.put(TENANT, { date: '2026-03-11', invoiceId: 'inv1', paymentId: 'p0', clientName: 'x', amountCents: 1, method: 'card' });
    await w.notify(failedStep());
    const o = await makeDailyOverview(w.deps)(TENANT);
    expect(o.date).toBe('2026-03-13');
    expect(o.reminders).toEqual([{ invoiceId: 'inv1', invoiceNumber: 'F-2026-0001', clientName: 'Boulangerie Dupont SARL', stepId: 'j+1', templateId: 'first', scheduledAt: '2026-03-13T08:00:00.000Z', cancel: { method: 'POST', path: '/invoices/inv1/reminders/j%2B1/cancel' } }]);
    expect(o.letters.map((l) => l.stepId)).toEqual(['letter']);
    expect(o.payments.map((p) => p.paymentId)).toEqual(['p1']);
    expect(o.newlyOverdue).toEqual([{ invoiceId: 'inv1', invoiceNumber: 'F-2026-0001', clientName: 'Boulangerie Dupont SARL', dueDate: '2026-03-12', balanceCents: 120_000 }]);
    expect(o.alerts.map((a) => a.kind)).toEqual(['send_failed']);
    expect((await makeDailyOverview(w.deps)(TENANT, '2026-03-14')).reminders).toEqual([]);
  });

  it('emails it once per day, skips an empty day and a switched-off overview, and gives the day back when SES fails', async () => {
    const w = world('2026-03-13T06:00:00.000Z');
    await planned(w);
    const send = makeSendDailyOverview(w.deps);
    const seven = new Date('2026-03-13T06:00:00Z'); // 07:00 Paris
    expect(await send(TENANT, seven)).toMatchObject({ outcome: 'sent', date: '2026-03-13' });
    expect(await send(TENANT, seven)).toEqual({ outcome: 'skipped', reason: 'already_sent', date: '2026-03-13' });
    expect(w.mailer.sent).toHaveLength(1);
    const mail = w.mailer.sent[0]! as OutgoingEmail;
    expect(mail.subject).toBe('[Relances] Votre journée du 13/03/2026');
    expect(mail.text).toContain('Relances qui partent aujourd\'hui (1)\n- 09:00 · facture F-2026-0001');
    expect(mail.text).toContain('POST /invoices/inv1/reminders/j%2B1/cancel');
    expect(mail.text).toContain('Lettres à poster (1)');
    expect(mail.text).toContain('Factures passées en retard (1)');

    // A letter still to post is news every morning; a day with nothing at all sends nothing.
    expect(await send(TENANT, new Date('2026-06-13T05:00:00Z'))).toMatchObject({ outcome: 'sent', date: '2026-06-13' });
    const quiet = world('2026-06-13T05:00:00.000Z');
    expect(await makeSendDailyOverview(quiet.deps)(TENANT, new Date('2026-06-13T05:00:00Z'))).toEqual({ outcome: 'skipped', reason: 'nothing_to_report', date: '2026-06-13' });
    w.settings.byTenant.set(TENANT, { ...(await w.settings.get(TENANT)), notifications: { immediate: true, dailyOverview: false, overviewHour: 7 } });
    expect(await send(TENANT, new Date('2026-03-14T06:00:00Z'))).toMatchObject({ outcome: 'skipped', reason: 'switched_off' });

    const v = world('2026-03-13T06:00:00.000Z');
    await planned(v);
    const down = makeSendDailyOverview({ ...v.deps, mailer: { send: async () => { throw new Error('SES down'); } } });
    await expect(down(TENANT, seven)).rejects.toThrow('SES down');
    expect(await makeSendDailyOverview(v.deps)(TENANT, seven)).toMatchObject({ outcome: 'sent' });
  });

  it('names a built-in template by its name in the email, not by its id', async () => {
    const w = world('2026-03-13T06:00:00.000Z');
    await w.steps.createPlan(TENANT, 'inv1', [
      { plan: 1, index: 1, stepId: 'j+1', templateId: 'reminder', state: 'scheduled', at: '2026-03-06T08:00:00.000Z', scheduledAt: '2026-03-13T08:00:00.000Z', localTime: '2026-03-13T09:00:00' },
    ]);
    expect(await makeSendDailyOverview(w.deps)(TENANT, new Date('2026-03-13T06:00:00Z'))).toMatchObject({ outcome: 'sent' });
    const mail = w.mailer.sent[0]! as OutgoingEmail;
    expect(mail.text).toContain('· Boulangerie Dupont SARL · Relance à échéance (J+1) —');
  });

  it('says which of the day’s steps is a text and which a letter to post, in the JSON and the email', async () => {
    const w = world('2026-03-13T06:00:00.000Z');
    await w.steps.createPlan(TENANT, 'inv1', [
      { plan: 1, index: 0, stepId: 'texto', templateId: 'sms-reminder', channel: 'sms', state: 'scheduled', at: '2026-03-06T08:00:00.000Z', scheduledAt: '2026-03-13T07:00:00.000Z', localTime: '2026-03-13T08:00:00' },
      { plan: 1, index: 1, stepId: 'lettre', templateId: 'formal-notice', channel: 'letter', state: 'scheduled', at: '2026-03-06T08:00:00.000Z', scheduledAt: '2026-03-13T08:00:00.000Z', localTime: '2026-03-13T09:00:00' },
    ] as never);
    expect((await makeDailyOverview(w.deps)(TENANT)).reminders.map((r) => [r.stepId, r.channel])).toEqual([['texto', 'sms'], ['lettre', 'letter']]);
    expect(await makeSendDailyOverview(w.deps)(TENANT, new Date('2026-03-13T06:00:00Z'))).toMatchObject({ outcome: 'sent' });
    const mail = w.mailer.sent[0]! as OutgoingEmail;
    // It read "Mise en demeure (J+15)" alone: an email going out, not a letter to produce and post.
    expect(mail.text).toContain('· Boulangerie Dupont SARL · Mise en demeure (J+15) (lettre à poster) —');
    expect(mail.text).toMatch(/· Boulangerie Dupont SARL · [^\n]* \(SMS\) —/);
  });

  // Scenarios name the base (French) template; an English owner read "Relance à échéance (J+1)" in an English email.
  it('names a built-in template in the owner’s language', async () => {
    const w = world('2026-03-13T06:00:00.000Z');
    w.settings.byTenant.set(TENANT, { ...(await w.settings.get(TENANT)), language: 'en' });
    await w.steps.createPlan(TENANT, 'inv1', [
      { plan: 1, index: 1, stepId: 'j+1', templateId: 'reminder', state: 'scheduled', at: '2026-03-06T08:00:00.000Z', scheduledAt: '2026-03-13T08:00:00.000Z', localTime: '2026-03-13T09:00:00' },
    ]);
    expect(await makeSendDailyOverview(w.deps)(TENANT, new Date('2026-03-13T06:00:00Z'))).toMatchObject({ outcome: 'sent' });
    const mail = w.mailer.sent[0]! as OutgoingEmail;
    expect(mail.text).toContain('· Boulangerie Dupont SARL · Reminder at due date (D+1) —');
  });

  it('keeps one recurring schedule per tenant in step with its settings', async () => {
    const w = world();
    const scheduler = new FakeRecurringScheduler();
    const sync = makeSyncOverviewSchedule({ settings: w.settings, scheduler });
    await sync(TENANT);
    await sync(TENANT);
    const name = overviewScheduleName(TENANT);
    expect(name).toMatch(/^ov-[0-9a-f]{40}$/);
    expect([...scheduler.schedules.values()]).toEqual([{ name, cron: 'cron(0 7 * * ? *)', timeZone: 'Europe/Paris', input: { kind: 'overview', tenantId: TENANT }, description: 'Relances daily overview' }]);
    w.settings.byTenant.set(TENANT, { ...(await w.settings.get(TENANT)), timezone: 'America/Martinique', notifications: { immediate: true, dailyOverview: true, overviewHour: 18 } });
    await sync(TENANT);
    expect(scheduler.schedules.get(name)).toMatchObject({ cron: 'cron(0 18 * * ? *)', timeZone: 'America/Martinique' });
    w.settings.byTenant.set(TENANT, { ...(await w.settings.get(TENANT)), notifications: { immediate: true, dailyOverview: false, overviewHour: 18 } });
    expect(await sync(TENANT)).toBe('deleted');
    expect(scheduler.schedules.size).toBe(0);
    expect(overviewScheduleName('a@b.example')).not.toBe(overviewScheduleName('a-b.example'));
  });
});

describe('cancelling one step', () => {
  it('answers 409 (try again), not 404, while a just-sent invoice\'s plan is not recorded yet', async () => {
    const w = world('2026-03-12T06:00:00.000Z');
    const cancel = makeCancelReminderStep(w.deps);
    await expect(cancel(TENANT, 'inv1', 'j+1')).rejects.toMatchObject({ status: 409 });
  });

  it('cancels a scheduled step with owner_cancelled, then answers 409; an unknown step is 404', async () => {
    const w = world('2026-03-12T06:00:00.000Z');
    await w.steps.createPlan(TENANT, 'inv1', [
      { plan: 1, index: 0, stepId: 'j-5', templateId: 'courtesy', state: 'sent', at: '2026-03-06T08:00:00.000Z' },
      { plan: 1, index: 1, stepId: 'j+1', templateId: 'first', state: 'scheduled', at: '2026-03-06T08:00:00.000Z', scheduledAt: '2026-03-13T08:00:00.000Z', localTime: '2026-03-13T09:00:00' },
    ]);
    const cancel = makeCancelReminderStep(w.deps);
    expect(await cancel(TENANT, 'inv1', 'j+1')).toMatchObject({ stepId: 'j+1', state: 'cancelled', reason: 'owner_cancelled' });
    expect((await w.steps.list(TENANT, 'inv1'))[1]).toMatchObject({ state: 'cancelled', reason: 'owner_cancelled' });
    expect(w.invoices.events.get(`${TENANT}|inv1`)).toEqual([{ at: '2026-03-12T06:00:00.000Z', type: 'reminder.cancelled', data: { stepId: 'j+1', plan: 1, reason: 'owner_cancelled' } }]);
    await expect(cancel(TENANT, 'inv1', 'j+1')).rejects.toMatchObject({ status: 409 });
    await expect(cancel(TENANT, 'inv1', 'j-5')).rejects.toMatchObject({ status: 409 });
    await expect(cancel(TENANT, 'inv1', 'j+99')).rejects.toMatchObject({ status: 404 });
    await expect(cancel(TENANT, 'nope', 'j+1')).rejects.toMatchObject({ status: 404 });
  });
});
