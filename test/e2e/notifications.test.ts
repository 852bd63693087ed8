import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoInvoiceRepository } from '../../shared/adapters/dynamo/dynamo-invoice-repository.js';
import { makeRecordEmailEvent } from '../../shared/app/reminders/email-events.js';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { dueDateAhead, inParis, parisToday, runUntil } from './local-clock.js';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const invoices = new DynamoInvoiceRepository(db, inject('tableName'));
const recordEmailEvent = makeRecordEmailEvent({ invoices, clients: new DynamoClientRepository(db, inject('tableName')), clock: { now: () => new Date() } });

const ownerTenant = async (label: string, settings: Record<string, unknown> = {}) => {
  const t = await freshTenant(label);
  const owner = `owner-${t.tenantId}@notify.test`;
  await t.ok('PUT', '/settings', { company: aCompanyIdentity({ email: owner }), ...settings });
  return { ...t, owner };
};

const sentInvoice = async (t: FreshTenant, dueDate = dueDateAhead(10), email = uniqueEmail('notified')) => {
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email, name: 'Garage Lefèvre' }));
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate }));
  const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
  // The reconciler records the plan from the stream (until then the plan shown is a projection).
  await t.drain();
  return { id: draft.id as string, number: sent.number as string, clientId: client.id as string, email, dueDate };
};

/** What the send path writes when a step fails for good (shared/app/reminders/owner-alert.ts). */
const failedStepAlert = (tenantId: string, invoiceId: string) =>
  invoices.appendEvents(tenantId, invoiceId, [{ at: new Date().toISOString(), type: 'owner.alerted', data: { reason: 'send_failed', stepId: 'j+1' } }]);

/** A permanent bounce as SES publishes it, through the email-events Lambda's own use case. */
const permanentBounce = (tenantId: string, invoice: { id: string; clientId: string; email: string }) =>
  recordEmailEvent({
    eventType: 'Bounce',
    mail: { messageId: `0102${ulid()}`, tags: { tenant: [tenantId], invoice: [invoice.id], client: [invoice.clientId] } },
    bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: invoice.email }], timestamp: new Date().toISOString() },
  });

describe('owner notifications on the local stack', () => {
  it('turns a bounce from the SES simulator address and a failed step into notifications and one email each', async () => {
    const t = await ownerTenant('notify');
    // SES's mailbox simulator (emulated locally): the invoice email to this address bounces for good.
    const invoice = await sentInvoice(t, dueDateAhead(10), 'bounce@simulator.amazonses.com');
    await t.drain();
    expect((await t.ok('GET', '/notifications')).items.map((n: { kind: string }) => n.kind)).toEqual(['bounce']);
    await failedStepAlert(t.tenantId, invoice.id);
    // The owner's own doings never notify him.
    await invoices.appendEvents(t.tenantId, invoice.id, [{ at: new Date().toISOString(), type: 'invoice.paused', data: { reason: 'holiday' } }]);
    await t.drain();

    const all = (await t.ok('GET', '/notifications')).items;
    expect(all.map((n: { kind: string }) => n.kind)).toEqual(['send_failed', 'bounce']);
    for (const n of all) expect(n).toMatchObject({ invoiceId: invoice.id, invoiceNumber: invoice.number, clientName: 'Garage Lefèvre', read: false });
    expect(all[1].detail).toMatchObject({ recipients: 'bounce@simulator.amazonses.com', bounceType: 'Permanent' });
    expect(all[0].detail).toMatchObject({ stepId: 'j+1' });

    const mails = await inbox(t.owner);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      `[Relances] E-mail refusé — facture ${invoice.number} (Garage Lefèvre)`,
      `[Relances] Relance non envoyée — facture ${invoice.number} (Garage Lefèvre)`,
    ]);
    // A second drain (a repeated stream read) emails nothing more.
    await t.drain();
    expect(await inbox(t.owner)).toHaveLength(2);

    const read = await t.ok('POST', `/notifications/${all[1].id}/read`);
    expect(read).toMatchObject({ id: all[1].id, read: true });
    expect(read.readAt).toBeDefined();
    expect((await t.ok('GET', '/notifications?unread=true')).items.map((n: { id: string }) => n.id)).toEqual([all[0].id]);
    expect(await t.ok('POST', '/notifications/read-all')).toEqual({ marked: 1, remaining: false });
    expect((await t.ok('GET', '/notifications?unread=true')).items).toEqual([]);
    expect((await t.ok('GET', '/notifications?limit=1')).nextCursor).toBeDefined();

    expect((await t.call('POST', `/notifications/${ulid()}/read`)).status).toBe(404);
    const bad = await t.get('/notifications?unread=maybe');
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('query.unread');
  });

  it('notifies a complaint from the SES simulator address too, and a bounce recorded from SES\'s event shape', async () => {
    const t = await ownerTenant('notify-complaint');
    const invoice = await sentInvoice(t, dueDateAhead(10), 'complaint@simulator.amazonses.com');
    expect(await permanentBounce(t.tenantId, { ...invoice, email: 'old@client.test' })).toBe('recorded');
    await t.drain();
    expect((await t.ok('GET', '/notifications')).items.map((n: { kind: string }) => n.kind).sort()).toEqual(['bounce', 'complaint']);
    expect((await inbox(t.owner)).map((m) => m.subject).sort()).toEqual([
      `[Relances] E-mail refusé — facture ${invoice.number} (Garage Lefèvre)`,
      `[Relances] Signalement comme indésirable — facture ${invoice.number} (Garage Lefèvre)`,
    ]);
  });

  it('notifies the client\'s portal actions ("j\'ai payé", promise, dispute), not his visit, each with its facts', async () => {
    const t = await ownerTenant('notify-portal');
    const portalCall = async (path: string, body?: unknown) => {
      const res = await fetch(`${inject('apiUrl')}${path}`, { method: body ? 'POST' : 'GET', headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
      expect(res.status, path).toBeLessThan(300);
    };
    const tokenOf = async (email: string) => /\/p\/([A-Za-z0-9_-]{43})/.exec((await inbox(email)).at(-1)?.body.text ?? '')![1]!;
    const today = parisToday();
    const invoices = [];
    for (const label of ['paid', 'promise', 'dispute']) {
      const invoice = await sentInvoice(t, dueDateAhead(20), uniqueEmail(`portal-${label}`));
      invoices.push({ ...invoice, token: await tokenOf(invoice.email) });
    }
    await portalCall(`/portal/${invoices[0]!.token}`);
    await portalCall(`/portal/${invoices[0]!.token}/paid`, { date: today, reference: 'VIR-0042' });
    await portalCall(`/portal/${invoices[1]!.token}/promise`, { date: addDays(today, 10) });
    await portalCall(`/portal/${invoices[2]!.token}/dispute`, { reason: 'Travaux non terminés' });
    await t.drain();

    const byKind = Object.fromEntries((await t.ok('GET', '/notifications')).items.map((n: { kind: string }) => [n.kind, n]));
    expect(Object.keys(byKind).sort()).toEqual(['dispute', 'paid_claim', 'promise']);
    expect(byKind.paid_claim).toMatchObject({ invoiceId: invoices[0]!.id, detail: { date: today, reference: 'VIR-0042' } });
    expect(byKind.promise).toMatchObject({ invoiceId: invoices[1]!.id, detail: { date: addDays(today, 10) } });
    expect(byKind.dispute).toMatchObject({ invoiceId: invoices[2]!.id, detail: { reason: 'Travaux non terminés' } });
    const subjects = (await inbox(t.owner)).map((m) => m.subject);
    expect(subjects).toHaveLength(3);
    expect(subjects.find((s) => s.includes('Contestation'))).toBe(`[Relances] Contestation — facture ${invoices[2]!.number} (Garage Lefèvre)`);
  });

  it('lists without emailing when immediate emails are switched off, and writes to notifyEmail when set', async () => {
    const t = await ownerTenant('notify-off', { notifications: { immediate: false } });
    const invoice = await sentInvoice(t);
    await failedStepAlert(t.tenantId, invoice.id);
    await t.drain();
    expect((await t.ok('GET', '/notifications')).items.map((n: { kind: string }) => n.kind)).toEqual(['send_failed']);
    expect(await inbox(t.owner)).toEqual([]);

    const other = uniqueEmail('assistant');
    const settings = await t.ok('PUT', '/settings', { notifyEmail: other, notifications: { immediate: true } });
    expect(settings.notifications).toEqual({ immediate: true, dailyOverview: true, overviewHour: 7 });
    await failedStepAlert(t.tenantId, invoice.id);
    await t.drain();
    expect((await inbox(other)).map((m) => m.subject)).toEqual([`[Relances] Relance non envoyée — facture ${invoice.number} (Garage Lefèvre)`]);
    expect(await inbox(t.owner)).toEqual([]);
  });
});

describe('steps that cannot go out on their channel', () => {
  it('alert the owner once per step: a text with only a landline to send to, a letter with no postal address; listed in the overview', { timeout: 60_000 }, async () => {
    const t = await ownerTenant('notify-skipped', { skipWeekends: false, skipHolidays: false });
    await t.ok('POST', '/scenarios', {
      id: 'canaux',
      name: 'SMS puis lettre',
      steps: [
        { id: 'texto', offsetDays: 1, templateId: 'sms-reminder', channel: 'sms' },
        { id: 'lettre', offsetDays: 3, templateId: 'formal-notice', channel: 'letter' },
      ],
    });
    // A landline (+33 1) is a valid phone for the client, but no text sent there is ever received.
    const landline = `+331${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ name: 'Garage Lefèvre', email: uniqueEmail('skipped'), phone: landline, address: undefined, scenarioId: 'canaux' }));
    expect(client.phone).toBe(landline);
    const dueDate = dueDateAhead(3);
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate }));
    const invoice = await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();

    const lastDay = addDays(dueDate, 6);
    const fired = await runUntil(new Date(`${lastDay}T22:59:00Z`), { tenant: t.tenantId, invoiceId: invoice.id });
    const outcomes = fired.filter((f) => f.input.stepId === 'texto' || f.input.stepId === 'lettre').map((f) => [f.input.stepId, 'outcome' in f.result ? f.result.outcome : f.result.error, 'reason' in f.result ? f.result.reason : undefined]);
    expect(outcomes).toEqual([
      ['texto', 'skipped', 'no_phone'],
      ['lettre', 'skipped', 'no_postal_address'],
    ]);
    const texts = (await (await fetch(`${inject('apiUrl')}/local/sms?to=${encodeURIComponent(landline)}`)).json()) as { items: unknown[] };
    expect(texts.items).toEqual([]);
    await t.drain();

    const alerts = (await t.ok('GET', '/notifications')).items.filter((n: { kind: string }) => n.kind === 'step_skipped');
    expect(alerts.map((n: { detail: Record<string, string> }) => [n.detail.stepId, n.detail.reason]).sort()).toEqual([
      ['lettre', 'no_postal_address'],
      ['texto', 'no_phone'],
    ]);
    for (const n of alerts) expect(n).toMatchObject({ invoiceId: invoice.id, invoiceNumber: invoice.number, clientName: 'Garage Lefèvre', clientId: client.id, read: false });
    // The alerts (the daily overview, fired by the jump of the clock, is another email).
    const alertMails = async () => (await inbox(t.owner)).filter((m) => !m.subject.startsWith('[Relances] Votre journée'));
    const subjects = (await alertMails()).map((m) => m.subject).sort();
    expect(subjects).toEqual([
      `[Relances] Courrier non envoyé — facture ${invoice.number} (Garage Lefèvre)`,
      `[Relances] SMS non envoyé — facture ${invoice.number} (Garage Lefèvre)`,
    ]);
    const bodies = (await alertMails()).map((m) => m.body.text).join('\n');
    expect(bodies).toContain('aucune adresse postale');
    expect(bodies).toContain('aucun numéro de mobile');
    // A repeated stream read emails nobody twice; the morning overview lists them among the unread alerts.
    await t.drain();
    expect(await alertMails()).toHaveLength(2);
    const overview = await t.ok('GET', `/overview?date=${addDays(lastDay, 1)}`);
    expect(overview.alerts.filter((a: { kind: string }) => a.kind === 'step_skipped')).toHaveLength(2);
  });
});

const overviewSchedule = async (tenantId: string) => {
  const { items } = (await (await fetch(`${inject('apiUrl')}/local/schedules`)).json()) as { items: { name: string; at: string; expression: string; timezone: string; input: { kind?: string; tenantId?: string } }[] };
  return items.find((s) => s.input?.kind === 'overview' && s.input.tenantId === tenantId);
};

describe('the daily overview on the local stack', () => {
  it('lists today\'s reminders with their cancel route, yesterday\'s payments and new overdue; cancel is 409 once terminal', async () => {
    const t = await ownerTenant('overview');
    const invoice = await sentInvoice(t);
    const plan = (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items;
    const j5 = plan.find((s: { stepId: string }) => s.stepId === 'j-5');
    const j5Day = inParis(j5.scheduledAt).date;

    const before = await t.ok('GET', `/overview?date=${j5Day}`);
    expect(before.reminders).toEqual([
      { invoiceId: invoice.id, invoiceNumber: invoice.number, clientName: 'Garage Lefèvre', stepId: 'j-5', templateId: j5.templateId, scheduledAt: j5.scheduledAt, cancel: { method: 'POST', path: `/invoices/${invoice.id}/reminders/j-5/cancel` } },
    ]);
    const dueNextDay = await t.ok('GET', `/overview?date=${addDays(invoice.dueDate, 1)}`);
    expect(dueNextDay.newlyOverdue).toEqual([{ invoiceId: invoice.id, invoiceNumber: invoice.number, clientName: 'Garage Lefèvre', dueDate: invoice.dueDate, balanceCents: 147_500 }]);

    const cancelled = await t.call('POST', before.reminders[0].cancel.path);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ stepId: 'j-5', state: 'cancelled', reason: 'owner_cancelled' });
    const again = await t.call('POST', before.reminders[0].cancel.path);
    expect(again.status).toBe(409);
    expect(again.type).toContain('application/problem+json');
    expect((await t.call('POST', `/invoices/${invoice.id}/reminders/j-99/cancel`)).status).toBe(404);
    await t.drain();
    expect((await t.ok('GET', `/overview?date=${j5Day}`)).reminders).toEqual([]);
    const states = (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items.map((s: { stepId: string; state: string }) => [s.stepId, s.state]);
    // Only that step: the later ones keep their schedule.
    expect(states[0]).toEqual(['j-5', 'cancelled']);
    expect(states.slice(1).map(([, state]: [string, string]) => state)).toEqual(states.slice(1).map(() => 'scheduled'));
    expect(states.length).toBeGreaterThanOrEqual(4);

    const today = parisToday();
    await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: 40_000, date: today, method: 'transfer' });
    await t.drain();
    const tomorrow = await t.ok('GET', `/overview?date=${addDays(today, 1)}`);
    expect(tomorrow.payments).toMatchObject([{ invoiceId: invoice.id, invoiceNumber: invoice.number, amountCents: 40_000, method: 'transfer' }]);
    const bad = await t.get('/overview?date=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('query.date');
  });

  it('keeps one recurring schedule per tenant that emails the overview when the local clock passes the owner\'s hour', async () => {
    const t = await ownerTenant('overview-mail', { notifications: { overviewHour: 6 } });
    const schedule = await overviewSchedule(t.tenantId);
    expect(schedule).toMatchObject({ expression: 'cron(0 6 * * ? *)', timezone: 'Europe/Paris' });
    expect(inParis(schedule!.at).hour).toBe(6);

    const invoice = await sentInvoice(t);
    // The first morning after now (tomorrow, or today when run before 06:00): the payment is of the day before.
    const fireDay = inParis(schedule!.at).date;
    await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: 25_000, date: addDays(fireDay, -1), method: 'cheque' });
    const fired = (await runUntil(new Date(Date.parse(schedule!.at) + 30 * 60_000), { tenant: t.tenantId })).filter((f) => (f.input as { tenantId?: string }).tenantId === t.tenantId && (f.input as { kind?: string }).kind === 'overview');
    expect(fired).toHaveLength(1);
    expect(fired[0]!.result).toMatchObject({ outcome: 'sent', date: fireDay });
    const [mail, ...more] = (await inbox(t.owner)).filter((m) => m.subject.startsWith('[Relances] Votre journée'));
    expect(more).toEqual([]);
    expect(mail!.body.text).toContain('Paiements reçus hier (1)');
    expect(mail!.body.text).toContain(invoice.number);
    // It moved to the next morning; a second run over the same hour fires nothing.
    expect(inParis((await overviewSchedule(t.tenantId))!.at).date).toBe(addDays(fireDay, 1));

    await t.ok('PUT', '/settings', { notifications: { overviewHour: 8 } });
    await t.drain();
    expect((await overviewSchedule(t.tenantId))?.expression).toBe('cron(0 8 * * ? *)');
    await t.ok('PUT', '/settings', { notifications: { dailyOverview: false } });
    await t.drain();
    expect(await overviewSchedule(t.tenantId)).toBeUndefined();
  });
});
