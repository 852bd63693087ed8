/**
 * Issue 10 as a new user tries it, on the local stack: cases found by an independent review of
 * grouped, manual and portal reminders that the feature tests did not cover.
 */
import { describe, expect, inject, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { catchUpDay, dueDateAhead, endOfDay, inParis, parisToday, runUntil } from './local-clock.js';

/** A sent invoice of `clientId` due `dueIn` days from today (negative: already late). */
const sentInvoice = async (t: FreshTenant, clientId: string, dueIn: number) => {
  const today = parisToday();
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, Math.min(0, dueIn) - 30), dueDate: addDays(today, dueIn) }));
  return { id: draft.id as string, number: (await t.ok('POST', `/invoices/${draft.id}/send`)).number as string };
};

describe('the default template of a reminder sent by hand', () => {
  it('follows how late the invoice is when no step is recorded: never a mise en demeure for an invoice two days late', async () => {
    const t = await freshTenant('manual-default');
    await t.ok('PUT', '/settings', companySettings);
    // Reminders switched off for this client: its invoices have no recorded step to take the template from.
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('manual-default'), remindersEnabled: false }));
    const late = await sentInvoice(t, client.id, -2);
    await t.drain();

    const preview = await t.call('POST', `/clients/${client.id}/reminders?dryRun=true`, { invoiceIds: [late.id] });
    expect(preview.status).toBe(200);
    expect(preview.json.subject).not.toMatch(/mise en demeure/i);
    expect(preview.json.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([`${late.number}.pdf`]);

    const sent = await t.call('POST', `/invoices/${late.id}/reminders`, {});
    expect([sent.status, sent.json.templateId]).toEqual([201, 'reminder']);
  });

  it('is the courtesy step for invoices not due yet, even before their plan is recorded', async () => {
    const t = await freshTenant('manual-notdue');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('manual-notdue'), remindersEnabled: false }));
    const a = await sentInvoice(t, client.id, 20);
    const b = await sentInvoice(t, client.id, 25);
    await t.drain();
    const preview = await t.call('POST', `/clients/${client.id}/reminders?dryRun=true`, { invoiceIds: [a.id, b.id] });
    expect(preview.status).toBe(200);
    expect(preview.json.subject).not.toMatch(/mise en demeure/i);
    expect(preview.json.text).not.toMatch(/mise en demeure|impayée/i);
    expect(preview.json.attachments).toHaveLength(2);
  });
});

describe('the client portal, an action repeated', () => {
  it('records "j\'ai payé", a promise and a dispute once each when the client sends them twice: one event, one alert, one email to the owner', async () => {
    const t = await freshTenant('portal-repeat');
    const owner = uniqueEmail('portal-repeat-owner');
    await t.ok('PUT', '/settings', { ...companySettings, notifyEmail: owner });
    const email = uniqueEmail('portal-repeat');
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
    const invoice = await sentInvoice(t, client.id, -10);
    const mail = (await inbox(email)).find((m) => m.subject.includes(invoice.number))!;
    const token = /\/p\/([A-Za-z0-9_-]+)/.exec(mail.body.text!)![1];
    const post = async (action: string, body: unknown) => {
      const res = await fetch(`${inject('apiUrl')}/portal/${token}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const today = parisToday();
    // A payment dated after today is refused, naming the field; nothing is recorded.
    const future = await post('paid', { date: addDays(today, 1) });
    expect([future.status, (future.json.errors as { path: string }[])[0]!.path]).toEqual([422, 'body.date']);
    const claim = { date: today, reference: 'VIR 4521' };
    const first = await post('paid', claim);
    expect(first.status).toBe(200);
    expect(await post('paid', claim)).toEqual(first);
    const promise = await post('promise', { date: addDays(today, 20) });
    expect(promise.status).toBe(200);
    expect(await post('promise', { date: addDays(today, 20) })).toEqual(promise);
    const dispute = await post('dispute', { reason: 'Travaux non terminés' });
    expect(dispute.json.disputed).toBe(true);
    expect(await post('dispute', { reason: 'Travaux non terminés' })).toEqual(dispute);
    // Something new is still news: another reason is recorded.
    expect((await post('dispute', { reason: 'Facture en double' })).status).toBe(200);

    const portalEvents = (await t.ok('GET', `/invoices/${invoice.id}/timeline`)).items.map((e: { type: string }) => e.type).filter((type: string) => type.startsWith('portal.') && type !== 'portal.viewed');
    expect(portalEvents).toEqual(['portal.paid_claimed', 'portal.promised', 'portal.disputed', 'portal.disputed']);
    await t.drain();
    const kinds = (await t.ok('GET', '/notifications')).items.map((n: { kind: string }) => n.kind).sort();
    expect(kinds).toEqual(['dispute', 'dispute', 'paid_claim', 'promise']);
    const ownerMails = (await inbox(owner)).filter((m) => m.subject.includes(invoice.number));
    expect(ownerMails).toHaveLength(4);
  });
});

describe('cancelling a reminder of the day (daily overview)', () => {
  it('keeps the next steps where they were: the firmer one is not brought forward to the cancelled slot', async () => {
    const t = await freshTenant('cancel-slot');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('cancel-slot');
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
    // Ten days late when sent: its first reminder catches up at the next send window, the next ones keep their spacing from it.
    const invoice = await sentInvoice(t, client.id, -10);
    await t.drain();
    type Step = { stepId: string; state: string; scheduledAt?: string; reason?: string };
    const before = (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items as Step[];
    const first = before.find((s) => s.state === 'scheduled')!;
    expect(first.reason).toBe('catch-up');
    const later = before.filter((s) => s.state === 'scheduled' && s.stepId !== first.stepId);

    const cancelled = await t.call('POST', `/invoices/${invoice.id}/reminders/${encodeURIComponent(first.stepId)}/cancel`);
    expect([cancelled.status, cancelled.json.state]).toEqual([200, 'cancelled']);
    await t.drain();
    const after = (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items as Step[];
    expect(after.find((s) => s.stepId === first.stepId)).toMatchObject({ state: 'cancelled', reason: 'owner_cancelled' });
    expect(after.filter((s) => s.state === 'scheduled').map((s) => [s.stepId, s.scheduledAt])).toEqual(later.map((s) => [s.stepId, s.scheduledAt]));
    const overview = await t.ok('GET', `/overview?date=${inParis(first.scheduledAt!).date}`);
    expect(overview.reminders.filter((r: { invoiceId: string }) => r.invoiceId === invoice.id)).toEqual([]);
  });

  it('answers 404 for a step of a plan that will never be recorded (reminders off), never "try again" forever', async () => {
    const t = await freshTenant('cancel-off');
    await t.ok('PUT', '/settings', companySettings);
    // Reminders off for this client: its plan is computed `cancelled: opt_out`, never recorded.
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('cancel-off'), remindersEnabled: false }));
    const invoice = await sentInvoice(t, client.id, 10);
    await t.drain();
    const shown = (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items as { stepId: string; state: string }[];
    expect(shown.find((s) => s.stepId === 'j+1')).toMatchObject({ state: 'cancelled' });
    for (const stepId of ['j+1', 'nope']) {
      const res = await t.call('POST', `/invoices/${invoice.id}/reminders/${encodeURIComponent(stepId)}/cancel`);
      expect([res.status, res.json.detail], stepId).toEqual([404, 'Reminder step not found']);
    }
  });
});

describe('a reminder the owner cancelled', () => {
  it('stays cancelled through re-plans (send hour, client gap, due date moved) and never goes out', async () => {
    const t = await freshTenant('cancel-replan');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('cancel-replan');
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
    const invoice = await sentInvoice(t, client.id, 12);
    const due = addDays(parisToday(), 12);
    await t.drain();
    type Step = { stepId: string; state: string; scheduledAt?: string; reason?: string; plan?: number };
    const stepsNow = async () => (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items as Step[];
    const target = (await stepsNow()).find((s) => s.stepId === 'j+1')!;
    expect(target.state).toBe('scheduled');
    expect((await t.call('POST', `/invoices/${invoice.id}/reminders/j%2B1/cancel`)).status).toBe(200);
    await t.drain();

    // Three changes that re-plan the invoice's pending steps.
    await t.ok('PUT', '/settings', { sendHour: 10 });
    await t.drain();
    await t.ok('PUT', '/settings', { minGapDays: 2 });
    await t.drain();
    await t.ok('PATCH', `/invoices/${invoice.id}`, { dueDate: addDays(due, 2) });
    await t.drain();
    const after = await stepsNow();
    expect(after.filter((s) => s.stepId === 'j+1')).toEqual([expect.objectContaining({ state: 'cancelled', reason: 'owner_cancelled' })]);
    expect(after.filter((s) => s.state === 'scheduled').map((s) => s.stepId)).toEqual(['j-5', 'j+8', 'j+15', 'escalate']);

    await runUntil(endOfDay(addDays(due, 30)), { tenant: t.tenantId });
    const sent = (await stepsNow()).filter((s) => s.state === 'sent').map((s) => s.stepId);
    expect(sent).not.toContain('j+1');
    expect(sent).toEqual(expect.arrayContaining(['j+8']));
  }, 120_000);
});

describe('texts of several invoices of one client due the same day', () => {
  it('go out as one text naming them all, each step sent with its message id; the client gap does not spread them over days', async () => {
    const t = await freshTenant('sms-group');
    await t.ok('PUT', '/settings', { ...companySettings, paymentUrl: 'https://pay.example/plomberie?ref={{invoiceNumber}}&amount={{balance}}', sms: { senderId: 'PLOMBERIE' } });
    await t.ok('POST', '/scenarios', { id: 'texto', name: 'Texto', steps: [{ id: 'texto', offsetDays: 1, templateId: 'sms-reminder', channel: 'sms' }] });
    const phone = `+3361${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('sms-group'), phone, scenarioId: 'texto' }));
    const due = dueDateAhead(3);
    const invoices = [];
    for (const cents of [100_000, 50_000]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: due, lines: [{ description: 'Travaux', quantity: 1, unitPriceCents: cents, vatRate: 20 }] }));
      invoices.push({ id: draft.id as string, number: (await t.ok('POST', `/invoices/${draft.id}/send`)).number as string });
    }
    await runUntil(endOfDay(addDays(due, 10)), { tenant: t.tenantId });

    const texts = ((await (await fetch(`${inject('apiUrl')}/local/sms?to=${encodeURIComponent(phone)}`)).json()) as { items: { messageId: string; text: string }[] }).items;
    expect(texts).toHaveLength(1);
    const [text] = texts;
    for (const i of invoices) expect(text!.text).toContain(i.number);
    expect(text!.text).toContain('1 800,00'); // 1 200,00 € + 600,00 €, VAT included
    expect(text!.text).toContain(`ref=${encodeURIComponent(`${invoices[0]!.number}, ${invoices[1]!.number}`)}`);
    for (const i of invoices) {
      const step = ((await t.ok('GET', `/invoices/${i.id}/reminders`)).items as { stepId: string; state: string; messageId?: string; sentAt?: string }[]).find((s) => s.stepId === 'texto')!;
      expect(step).toMatchObject({ state: 'sent', messageId: text!.messageId });
      expect(inParis(step.sentAt!).date).toBe(addDays(due, 1));
    }
  });
});

describe('a grouped reminder that bounces', () => {
  it('shows the bounce on every invoice it was about, alerts the owner once and counts one bounce in the cockpit', async () => {
    const t = await freshTenant('group-bounce');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('group-bounce') }));
    // The older first: numbers follow the issue dates (CGI 242 nonies A).
    const b = await sentInvoice(t, client.id, -12);
    const a = await sentInvoice(t, client.id, -10);
    // The client's address changes to one that bounces (SES's mailbox simulator, emulated locally).
    await t.ok('PATCH', `/clients/${client.id}`, { email: 'bounce@simulator.amazonses.com' });
    const sent = await t.ok('POST', `/clients/${client.id}/reminders`, {});
    await t.drain();
    for (const i of [a, b]) {
      const events = (await t.ok('GET', `/invoices/${i.id}/timeline`)).items as { type: string; data?: { messageId?: string } }[];
      expect(events.filter((e) => e.type === 'email.bounced').map((e) => e.data?.messageId)).toEqual([sent.messageId]);
    }
    const bounces = (await t.ok('GET', '/notifications')).items.filter((n: { kind: string }) => n.kind === 'bounce');
    expect(bounces).toHaveLength(1);
    expect((await t.ok('GET', `/clients/${client.id}`)).emailStatus).toBe('bouncing');
    // One message bounced: the cockpit counts one bounce, not one per invoice it was about.
    await t.drain();
    expect((await t.ok('GET', '/cockpit')).reminders.bounces).toBe(1);
  });
});

describe('a letter waiting to be posted', () => {
  it('is produced again, with the new balance, when a part is paid before it is posted', async () => {
    const t = await freshTenant('letter-partial');
    await t.ok('PUT', '/settings', companySettings);
    await t.ok('POST', '/scenarios', { id: 'lettre', name: 'Lettre', steps: [{ id: 'lettre', offsetDays: 1, templateId: 'formal-notice', channel: 'letter' }] });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('letter-partial'), scenarioId: 'lettre' }));
    const invoice = await sentInvoice(t, client.id, -5);
    // The letter step (J+1, missed) is caught up at the next send window: today's 09:00, or the next send day's.
    await runUntil(endOfDay(catchUpDay()), { tenant: t.tenantId });
    type Letter = { invoiceId: string; amountCents: number; letterSha256: string };
    const toPost = async () => ((await t.ok('GET', '/reminders/to-post')).items as Letter[]).filter((l) => l.invoiceId === invoice.id);
    const [first] = await toPost();
    expect(first).toBeDefined();

    const { balanceCents } = await t.ok('GET', `/invoices/${invoice.id}`);
    await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: 10_000, date: parisToday(), method: 'transfer' });
    await t.drain();
    // Never posted claiming what was paid meanwhile: off the list, its step waits for the next send window.
    expect(await toPost()).toEqual([]);
    expect((await t.call('POST', `/invoices/${invoice.id}/reminders/lettre/posted`, {})).status).toBe(409);
    const step = ((await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items as { stepId: string; state: string; reason?: string }[]).find((s) => s.stepId === 'lettre');
    expect(step).toMatchObject({ state: 'scheduled', reason: 'balance_changed' });

    await runUntil(endOfDay(addDays(catchUpDay(), 10)), { tenant: t.tenantId });
    const [again] = await toPost();
    expect(again!.amountCents).toBeLessThan(first!.amountCents); // 100 € paid; the penalties of a few more days are cents
    expect(again!.letterSha256).not.toBe(first!.letterSha256);
    const pdf = await t.call('GET', `/invoices/${invoice.id}/reminders/lettre/letter.pdf`);
    expect(pdf.status).toBe(200);
    const text = (await extractText(await getDocumentProxy(pdf.bytes!), { mergePages: true })).text.replace(/\s/g, ' ');
    expect(text).toContain(euros(balanceCents - 10_000));
  });


  it('is withdrawn when its invoice is paid: it leaves the letters to post and cannot be recorded as posted', async () => {
    const t = await freshTenant('letter-paid');
    await t.ok('PUT', '/settings', companySettings);
    await t.ok('POST', '/scenarios', { id: 'lettre', name: 'Lettre', steps: [{ id: 'lettre', offsetDays: 1, templateId: 'formal-notice', channel: 'letter' }] });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('letter-paid'), scenarioId: 'lettre' }));
    const invoice = await sentInvoice(t, client.id, -5);
    await runUntil(endOfDay(addDays(parisToday(), 5)), { tenant: t.tenantId });
    const toPost = async () => ((await t.ok('GET', '/reminders/to-post')).items as { invoiceId: string }[]).filter((l) => l.invoiceId === invoice.id);
    expect(await toPost()).toHaveLength(1);

    const { balanceCents } = await t.ok('GET', `/invoices/${invoice.id}`);
    await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: balanceCents, date: parisToday(), method: 'transfer' });
    await t.drain();
    expect(await toPost()).toEqual([]);
    const step = ((await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items as { stepId: string; state: string; reason?: string }[]).find((s) => s.stepId === 'lettre');
    expect(step).toMatchObject({ state: 'cancelled', reason: 'paid' });
    expect((await t.call('POST', `/invoices/${invoice.id}/reminders/lettre/posted`, {})).status).toBe(409);
    // The PDF of what was produced stays available (the evidence of what would have been sent).
    expect((await t.call('GET', `/invoices/${invoice.id}/reminders/lettre/letter.pdf`)).status).toBe(200);
  });
});

describe('the owner\'s blind copy (bccSelf)', () => {
  it('goes to the notification address when the company has no email of its own', async () => {
    const t = await freshTenant('bcc-notify');
    const { email: _none, ...company } = companySettings.company;
    const owner = uniqueEmail('bcc-notify-owner');
    await t.ok('PUT', '/settings', { company, bccSelf: true, notifyEmail: owner });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('bcc-notify') }));
    const invoice = await sentInvoice(t, client.id, -10);
    const preview = await t.ok('POST', `/clients/${client.id}/reminders?dryRun=true`, {});
    expect(preview.bcc).toEqual([owner]);
    const sent = await t.ok('POST', `/invoices/${invoice.id}/reminders`, {});
    const mail = (await inbox()).find((m) => m.messageId === sent.messageId)!;
    expect(mail.destination.bcc).toEqual([owner]);
  });
});

/** An amount as the French documents print it (`1 234,56 €`, any space). */
const euros = (cents: number) => `${Math.floor(cents / 100).toLocaleString('fr-FR').replace(/\s/g, ' ')},${String(cents % 100).padStart(2, '0')} €`;

describe('a portal link after payment', () => {
  it('stops working 12 months after the date the invoice was paid, even when the payment was recorded later', async () => {
    const t = await freshTenant('portal-expiry');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('portal-expiry');
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
    const today = parisToday();
    const paidOn = async (daysAgo: number) => {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -daysAgo - 40), dueDate: addDays(today, -daysAgo - 10) }));
      const { number } = await t.ok('POST', `/invoices/${draft.id}/send`);
      const mail = (await inbox(email)).find((m) => m.subject.includes(number))!;
      const token = /\/p\/([A-Za-z0-9_-]+)/.exec(mail.body.text!)![1];
      const { balanceCents } = await t.ok('GET', `/invoices/${draft.id}`);
      await t.ok('POST', `/invoices/${draft.id}/payments`, { amountCents: balanceCents, date: addDays(today, -daysAgo), method: 'transfer' });
      return (await fetch(`${inject('apiUrl')}/portal/${token}`)).status;
    };
    // The older invoice first: numbers follow the issue dates (CGI 242 nonies A).
    const paid400DaysAgo = await paidOn(400);
    expect(await paidOn(300)).toBe(200);
    expect(paid400DaysAgo).toBe(404);
  });
});
