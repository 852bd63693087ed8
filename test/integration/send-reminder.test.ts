import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoInvoiceLedger } from '../../shared/adapters/dynamo/dynamo-invoice-ledger.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { DynamoStepRepository } from '../../shared/adapters/dynamo/dynamo-step-repository.js';
import { DynamoTenantDocuments } from '../../shared/adapters/dynamo/dynamo-tenant-documents.js';
import { ReactPdfRenderer } from '../../shared/adapters/pdf/react-pdf-renderer.js';
import { allDocumentTemplates } from '../../shared/wiring-pdf.js';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-reminder-scheduler.js';
import { changeTarget, type LeaseStep } from '../../shared/app/reminders/stream-targets.js';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { makeReconcileSchedules, makeScheduleLeaseCheck } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import type { PdfRenderer } from '../../shared/app/ports.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import { invoiceTotals } from '../../shared/domain/invoice.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import type { Client } from '../../shared/http/schemas/clients.js';
import { fixedClock } from '../fixtures/fakes.js';
import { ensureTable } from '../../infra/local/dynamodb-local.js';
import { SES_MAX_ATTEMPTS } from '../../shared/clients.js';

/** Real adapters against DynamoDB Local, the SES emulator and the Scheduler emulator started by the global setup. */
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'eu-west-3';
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region, credentials }), {
  marshallOptions: { removeUndefinedValues: true },
});
// Its own table: the local stack's stream reconciler (wall clock) must not act on these invoices
// while the test drives the use cases on a frozen clock.
const table = `engine-${ulid().toLowerCase()}`;
const invoices = new DynamoInvoiceLedger(db, table);
const clients = new DynamoClientRepository(db, table);
const steps = new DynamoStepRepository(db, table);
const readDeps = {
  invoices,
  clients,
  settings: new DynamoSettingsRepository(db, table),
  scenarios: new DynamoTenantDocuments<Scenario>(db, table, 'SCENARIO'),
  steps,
};
const ses = new SESv2Client({ endpoint: inject('sesUrl'), region, credentials, maxAttempts: 1 });
const tenantId = `it-${ulid().toLowerCase()}`;
// J-5 of an invoice due on Wed 2 Dec 2026 is Fri 27 Nov at 09:00 Paris.
const clock = fixedClock('2026-11-20T10:00:00Z');
const J5_AT = '2026-11-27T08:00:00.000Z';

const sendReminder = (mailerClient = ses, pdf: PdfRenderer = new ReactPdfRenderer(allDocumentTemplates)) =>
  makeSendReminder({
    ...readDeps,
    templates: new DynamoTenantDocuments<ReminderTemplate>(db, table, 'TEMPLATE'),
    mailer: new SesMailer(mailerClient, 'factures@relances.local'),
    pdf,
    clock,
  });

const inboxFor = async (to: string) =>
  ((await (await fetch(`${inject('sesUrl')}/store`)).json()) as { emails: { destination: { to: string[] } }[] }).emails.filter((e) =>
    e.destination.to.includes(to),
  );

const aSentInvoice = async (existing?: Client): Promise<{ invoice: InvoiceRecord; client: Client }> => {
  const at = clock.now().toISOString();
  const client: Client = existing ?? {
    id: ulid(),
    name: 'Garage Lefèvre SAS',
    kind: 'business',
    email: `garage-${ulid().toLowerCase()}@client.test`,
    ccEmails: [],
    language: 'fr',
    remindersEnabled: true,
    emailStatus: 'ok',
    createdAt: at,
    updatedAt: at,
  };
  if (!existing) await clients.create(tenantId, client);
  const lines = [{ description: 'Révision', quantity: 1, unitPriceCents: 100_000, vatRate: 20 as const }];
  const invoice: InvoiceRecord = {
    id: ulid(),
    tenantId,
    clientId: client.id,
    clientKind: 'business',
    number: `F-2026-${Math.floor(Math.random() * 9000) + 1000}`,
    issueDate: '2026-11-02',
    dueDate: '2026-12-02',
    lines,
    currency: 'EUR',
    totals: invoiceTotals(lines),
    paidCents: 0,
    creditedCents: 0,
    status: 'sent',
    remindersPaused: false,
    disputed: false,
    sentAt: at,
    reminderCount: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await invoices.create(invoice, { at, type: 'invoice.created' });
  return { invoice, client };
};

const scheduler = new EventBridgeReminderScheduler(new SchedulerClient({ endpoint: inject('schedulerEndpoint'), region, credentials }), {
  groupName: 'relances-local',
  targetArn: process.env.SEND_REMINDER_FUNCTION_ARN ?? 'arn:aws:lambda:eu-west-3:000000000000:function:send-reminder',
  roleArn: process.env.SCHEDULER_ROLE_ARN ?? 'arn:aws:iam::000000000000:role/scheduler',
});
const reconcile = makeReconcileSchedules({ ...readDeps, scheduler, clock });

/** An invoice sent on 20 Nov, due 2 Dec, its plan recorded; the fire input of its step `index`. */
const aPlannedInvoice = async (client?: Client) => {
  const sent = await aSentInvoice(client);
  await reconcile(tenantId, sent.invoice.id);
  const records = await steps.list(tenantId, sent.invoice.id);
  const fire = (index: number) => {
    const r = records.find((s) => s.index === index)!;
    return { tenantId, invoiceId: sent.invoice.id, stepId: r.stepId, plan: r.plan, index, scheduledAt: r.scheduledAt!, scheduledTime: r.scheduledAt! };
  };
  return { ...sent, records, fire };
};

/** An HTTP endpoint that answers every SES call with a 503 throttling error, counting calls. */
const failingSes = async () => {
  let calls = 0;
  const server = createServer((_req, res) => {
    calls++;
    res.writeHead(503, { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException' });
    res.end(JSON.stringify({ message: 'Rate exceeded' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new SESv2Client({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region, credentials, maxAttempts: SES_MAX_ATTEMPTS, retryStrategy: undefined });
  return { client, calls: () => calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

beforeAll(async () => {
  await ensureTable(inject('dynamodbEndpoint'), table);
});

describe('send-reminder against DynamoDB Local and the SES emulator', () => {
  beforeAll(() => clock.set('2026-11-20T10:00:00Z'));

  it('records the plan once: four steps, J-5 first, each with its time, then the escalation 15 days after the last', async () => {
    const { records } = await aPlannedInvoice();
    expect(records.map((r) => [r.stepId, r.state, r.scheduledAt])).toEqual([
      ['j-5', 'scheduled', J5_AT],
      ['j+1', 'scheduled', '2026-12-03T08:00:00.000Z'],
      ['j+8', 'scheduled', '2026-12-10T08:00:00.000Z'],
      ['j+15', 'scheduled', '2026-12-17T08:00:00.000Z'],
      // 17 Dec + 15 days is New Year's Day: the next business day.
      ['escalate', 'scheduled', '2027-01-04T08:00:00.000Z'],
    ]);
  });

  it('sends one email when the same step is delivered three times at once', async () => {
    const { invoice, client, fire } = await aPlannedInvoice();
    const send = sendReminder();
    const outcomes = await Promise.all([send(fire(0)), send(fire(0)), send(fire(0))]);
    expect(outcomes.filter((o) => o.outcome === 'sent')).toHaveLength(1);
    expect(await inboxFor(client.email)).toHaveLength(1);
    const [record] = await steps.list(tenantId, invoice.id);
    expect(record).toMatchObject({ stepId: 'j-5', state: 'sent', attempts: 1, messageId: expect.any(String), sentAt: J5_AT });
    expect((await invoices.get(tenantId, invoice.id))?.reminderCount).toBe(1);
  });

  it('never sends two messages to one client within the gap, even when two invoices fire in parallel (grouping off)', async () => {
    await readDeps.settings.put(tenantId, { ...defaultSettings(), groupByClient: false });
    try {
      const first = await aPlannedInvoice();
      const second = await aPlannedInvoice(first.client);
      const send = sendReminder();
      const outcomes = await Promise.all([send(first.fire(0)), send(second.fire(0))]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['moved', 'sent']);
      expect(await inboxFor(first.client.email)).toHaveLength(1);
      const moved = outcomes.find((o) => o.outcome === 'moved')!;
      expect(moved).toMatchObject({ reason: 'gap' });
    } finally {
      await readDeps.settings.put(tenantId, defaultSettings());
    }
  });

  it('sends one grouped message when two invoices of one client fire in parallel, the other fire finding its step taken', async () => {
    const first = await aPlannedInvoice();
    const second = await aPlannedInvoice(first.client);
    const send = sendReminder();
    const outcomes = await Promise.all([send(first.fire(0)), send(second.fire(0))]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['ignored', 'sent']);
    const sent = outcomes.find((o) => o.outcome === 'sent')!;
    expect(sent).toMatchObject({ grouped: expect.arrayContaining([first.invoice.id, second.invoice.id]) });
    expect(await inboxFor(first.client.email)).toHaveLength(1);
    const records = [...(await steps.list(tenantId, first.invoice.id)), ...(await steps.list(tenantId, second.invoice.id))].filter((r) => r.state === 'sent');
    expect(records.map((r) => r.messageId)).toEqual([sent.outcome === 'sent' && sent.messageId, sent.outcome === 'sent' && sent.messageId]);
    // A late duplicate of the losing fire finds its step sent.
    const again = await send((outcomes[0]!.outcome === 'ignored' ? first : second).fire(0));
    expect(again).toMatchObject({ outcome: 'ignored', reason: 'already_sent' });
  });

  it('makes at most 3 SES calls per fire, then re-schedules the step with backoff and, after 24 h, fails it and tells the owner', async () => {
    const ses503 = await failingSes();
    try {
      const { invoice, fire } = await aPlannedInvoice();
      const first = await sendReminder(ses503.client)(fire(0));
      expect(first).toMatchObject({ outcome: 'failed', reason: 'retry' });
      expect(ses503.calls()).toBe(SES_MAX_ATTEMPTS);
      let [record] = await steps.list(tenantId, invoice.id);
      expect(record).toMatchObject({ state: 'scheduled', reason: 'retry', attempts: 1, firstFailedAt: J5_AT, lastError: expect.stringContaining('Rate exceeded') });
      // The platform retries at the new time until 24 h after the first failure.
      let fires = 1;
      while (record!.state === 'scheduled') {
        await sendReminder(ses503.client)({ ...fire(0), scheduledAt: record!.scheduledAt!, scheduledTime: record!.scheduledAt! });
        fires++;
        [record] = await steps.list(tenantId, invoice.id);
        expect(fires).toBeLessThan(10);
      }
      expect(record).toMatchObject({ state: 'failed', reason: 'send_failed' });
      expect(Date.parse(record!.at) - Date.parse(J5_AT)).toBeLessThanOrEqual(24 * 3_600_000);
      expect(ses503.calls()).toBe(fires * SES_MAX_ATTEMPTS);
      const events = (await invoices.timeline(tenantId, invoice.id, { limit: 100 })).items.map((e) => e.type);
      expect(events).toContain('owner.alerted');
      // A day lost to a failure is given back: the invoice's daily slot is free again.
      expect((await invoices.get(tenantId, invoice.id))?.lastReminderDay).toBeUndefined();
    } finally {
      await ses503.close();
    }
  });

  it('re-schedules a failed email only on a send day, never before the send hour: a Friday failure is not retried on Saturday at 07:15', async () => {
    const ses503 = await failingSes();
    try {
      const { invoice, fire } = await aPlannedInvoice();
      // J-5 fires on Friday 27 Nov at 09:00 Paris; the tenant sends on business days at 09:00.
      await sendReminder(ses503.client)(fire(0));
      let [record] = await steps.list(tenantId, invoice.id);
      const retries: string[] = [];
      for (let fires = 1; record!.state === 'scheduled' && fires < 10; fires++) {
        retries.push(record!.scheduledAt!);
        await sendReminder(ses503.client)({ ...fire(0), scheduledAt: record!.scheduledAt!, scheduledTime: record!.scheduledAt! });
        [record] = await steps.list(tenantId, invoice.id);
      }
      expect(retries.length).toBeGreaterThan(0);
      for (const at of retries) {
        const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(at));
        const weekday = local.find((p) => p.type === 'weekday')!.value;
        const hour = Number(local.find((p) => p.type === 'hour')!.value);
        expect(['Sat', 'Sun'], `retry at ${at}`).not.toContain(weekday);
        expect(hour, `retry at ${at}`).toBeGreaterThanOrEqual(9);
      }
      // Still within 24 h of the first failure, then failed for good and the owner told.
      expect(record).toMatchObject({ state: 'failed', reason: 'send_failed' });
      expect(Date.parse(record!.at) - Date.parse(J5_AT)).toBeLessThanOrEqual(24 * 3_600_000);
    } finally {
      await ses503.close();
    }
  });

  it('sends nothing when a payment is recorded while the PDF renders', async () => {
    const { invoice, client, fire } = await aPlannedInvoice();
    const real = new ReactPdfRenderer(allDocumentTemplates);
    const paying: PdfRenderer = {
      invoice: async (data) => {
        const stored = (await invoices.get(tenantId, invoice.id))!;
        if (stored.status !== 'paid') {
          await invoices.save({ ...stored, paidCents: stored.totals.grossCents, status: 'paid', version: stored.version, lastPaymentAt: clock.now().toISOString() });
        }
        return real.invoice(data);
      },
      letter: (data) => real.letter(data),
    };
    const outcome = await sendReminder(ses, paying)(fire(0));
    expect(outcome).toMatchObject({ outcome: 'skipped', reason: 'paid' });
    expect(await inboxFor(client.email)).toHaveLength(0);
    expect((await steps.list(tenantId, invoice.id))[0]).toMatchObject({ state: 'skipped', reason: 'paid' });
  });

  it('leaves a step caught between SES and the table `sending`, then marks it unknown_outcome after its lease, never resending', async () => {
    const { invoice, client, fire } = await aPlannedInvoice();
    const crashing = new DynamoStepRepository(db, table);
    crashing.finishSend = async () => {
      throw new Error('Lambda timed out');
    };
    const send = makeSendReminder({ ...readDeps, steps: crashing, templates: new DynamoTenantDocuments<ReminderTemplate>(db, table, 'TEMPLATE'), mailer: new SesMailer(ses, 'factures@relances.local'), pdf: new ReactPdfRenderer(allDocumentTemplates), clock });
    await expect(send(fire(0))).rejects.toThrow('Lambda timed out');
    expect(await inboxFor(client.email)).toHaveLength(1);
    expect((await steps.list(tenantId, invoice.id))[0]).toMatchObject({ state: 'sending' });
    // Lambda's own retry a minute later finds the lease: nothing happens.
    expect(await sendReminder()({ ...fire(0), scheduledTime: '2026-11-27T08:01:00.000Z' })).toMatchObject({ outcome: 'ignored', reason: 'in_flight' });
    // The stream's record of the claim (the step entering `sending`) gets its lease check from the step's
    // own image, as sync-schedules does; a later re-plan of the invoice keeps the very same schedule.
    const record = (await steps.list(tenantId, invoice.id))[0]!;
    const target = changeTarget({ kind: 'step', tenantId, invoiceId: invoice.id }, { ...record, state: 'scheduled' }, { ...record });
    expect(target).toMatchObject({ kind: 'lease', step: { plan: record.plan, index: record.index, leaseUntil: record.leaseUntil } });
    const lease = await makeScheduleLeaseCheck({ scheduler, settings: readDeps.settings })(tenantId, invoice.id, (target as { step: LeaseStep }).step);
    expect((await scheduler.list(`rl-${invoice.id}-`)).map((s) => s.name)).toContain(lease);
    const replan = await reconcile(tenantId, invoice.id);
    expect([...replan.created, ...replan.deleted]).not.toContain(lease);
    // When it fires after the lease, the step fails visibly; the next re-plan drops the check.

    const check = await sendReminder()({ ...fire(0), kind: 'lease', scheduledAt: record.leaseUntil!, scheduledTime: new Date(Date.parse(record.leaseUntil!) + 60_000).toISOString() });
    expect(check).toMatchObject({ outcome: 'failed', reason: 'unknown_outcome' });
    expect((await steps.list(tenantId, invoice.id))[0]).toMatchObject({ state: 'failed', reason: 'unknown_outcome' });
    expect(await inboxFor(client.email)).toHaveLength(1);
    expect((await reconcile(tenantId, invoice.id)).deleted).toContain(lease);
  });

  it('does not move an invoice to litigation while an earlier reminder is still pending: the escalation waits a send day behind it', async () => {
    const { invoice, client, records, fire } = await aPlannedInvoice();
    const escalation = records.find((r) => r.stepId === 'escalate')!;
    // The escalation's schedule fires while J+15 (the mise en demeure) is still scheduled (its fire late).
    const mdAt = records.find((r) => r.stepId === 'j+15')!.scheduledAt!;
    await steps.transition(tenantId, invoice.id, records.find((r) => r.stepId === 'j+15')!, { state: 'scheduled', scheduledAt: mdAt }, { state: 'scheduled', scheduledAt: '2027-01-04T08:00:00.000Z', localTime: '2027-01-04T09:00:00', reason: 'gap', at: clock.now().toISOString() });
    const outcome = await sendReminder()({ ...fire(4), scheduledTime: escalation.scheduledAt! });
    expect(outcome).toMatchObject({ outcome: 'moved', reason: 'order', stepId: 'escalate', scheduledAt: '2027-01-05T08:00:00.000Z' });
    expect((await invoices.get(tenantId, invoice.id))?.status).toBe('sent');
    expect((await steps.list(tenantId, invoice.id)).find((r) => r.stepId === 'escalate')).toMatchObject({ state: 'scheduled', reason: 'order' });
    expect(await inboxFor(client.email)).toHaveLength(0);
  });

  it('skips and records why when the invoice was paid before the schedule fired', async () => {
    const { invoice, client, fire } = await aPlannedInvoice();
    await invoices.save({ ...invoice, paidCents: invoice.totals.grossCents, status: 'paid', version: 1, lastPaymentAt: clock.now().toISOString() });
    const outcome = await sendReminder()(fire(0));
    expect(outcome).toEqual({ outcome: 'skipped', reason: 'paid', stepId: 'j-5' });
    expect(await inboxFor(client.email)).toHaveLength(0);
    expect((await steps.list(tenantId, invoice.id))[0]).toMatchObject({ state: 'skipped', reason: 'paid' });
  });
});

describe('the schedule reconciler against the Scheduler emulator', () => {
  it('creates one schedule per scheduled step, is idempotent, and once paid cancels the steps and removes the schedules', async () => {
    clock.set('2026-11-20T10:00:00Z');
    const { invoice } = await aSentInvoice();
    const first = await reconcile(tenantId, invoice.id);
    expect(first.created).toHaveLength(5);
    expect(first.created.every((n) => n.length <= 64 && /^[0-9A-Za-z_.-]+$/.test(n))).toBe(true);
    expect(await reconcile(tenantId, invoice.id)).toEqual({ created: [], deleted: [] });
    expect((await scheduler.list(`rl-${invoice.id}-`)).map((s) => s.name).sort()).toEqual([...first.created].sort());

    await invoices.save({ ...invoice, paidCents: invoice.totals.grossCents, status: 'paid', version: 1 });
    const paid = await reconcile(tenantId, invoice.id);
    expect(paid.deleted.sort()).toEqual([...first.created].sort());
    expect(await scheduler.list(`rl-${invoice.id}-`)).toEqual([]);
    expect((await steps.list(tenantId, invoice.id)).map((r) => [r.state, r.reason])).toEqual(Array(5).fill(['cancelled', 'paid']));
  });

  it('treats creating an existing identical schedule and deleting a missing one as done', async () => {
    const definition = {
      name: `rl-${ulid()}-1.0-202612020800`,
      localTime: '2026-12-02T09:00:00',
      timeZone: 'Europe/Paris',
      input: { tenantId, invoiceId: 'none', stepId: 'x', plan: 1, index: 0, scheduledAt: '2026-12-02T08:00:00.000Z' },
    };
    await scheduler.create(definition);
    await expect(scheduler.create(definition)).resolves.toBeUndefined();
    await scheduler.delete(definition.name);
    await expect(scheduler.delete(definition.name)).resolves.toBeUndefined();
  });
});
