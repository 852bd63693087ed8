import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoInvoiceRepository } from '../../shared/adapters/dynamo/dynamo-invoice-repository.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { DynamoStepRepository } from '../../shared/adapters/dynamo/dynamo-step-repository.js';
import { DynamoTenantDocuments } from '../../shared/adapters/dynamo/dynamo-tenant-documents.js';
import { ReactPdfRenderer } from '../../shared/adapters/pdf/react-pdf-renderer.js';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-reminder-scheduler.js';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSendReminder, MAX_SEND_ATTEMPTS } from '../../shared/app/reminders/send-reminder.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import { invoiceTotals } from '../../shared/domain/invoice.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import type { Client } from '../../shared/http/schemas/clients.js';
import { fixedClock } from '../fixtures/fakes.js';

/** Real adapters against DynamoDB Local, the SES emulator and the Scheduler emulator started by the global setup. */
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'eu-west-3';
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region, credentials }), {
  marshallOptions: { removeUndefinedValues: true },
});
const table = inject('tableName');
const invoices = new DynamoInvoiceRepository(db, table);
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
const J5 = { stepId: 'j-5', scheduledAt: '2026-11-27T08:00:00.000Z', scheduledTime: '2026-11-27T08:00:00Z' };

const sendReminder = (mailerClient = ses) =>
  makeSendReminder({
    ...readDeps,
    templates: new DynamoTenantDocuments<ReminderTemplate>(db, table, 'TEMPLATE'),
    mailer: new SesMailer(mailerClient, 'factures@relances.local'),
    pdf: new ReactPdfRenderer(),
    clock,
  });

const inboxFor = async (to: string) =>
  ((await (await fetch(`${inject('sesUrl')}/store`)).json()) as { emails: { destination: { to: string[] } }[] }).emails.filter((e) =>
    e.destination.to.includes(to),
  );

const aSentInvoice = async (): Promise<{ invoice: InvoiceRecord; client: Client }> => {
  const at = clock.now().toISOString();
  const client: Client = {
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
  await clients.create(tenantId, client);
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

describe('send-reminder against DynamoDB Local and the SES emulator', () => {
  beforeAll(() => clock.set('2026-11-20T10:00:00Z'));

  it('sends one email when the same step is delivered twice at the same moment', async () => {
    const { invoice, client } = await aSentInvoice();
    const input = { tenantId, invoiceId: invoice.id, ...J5 };
    const send = sendReminder();
    const outcomes = await Promise.all([send(input), send(input), send(input)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['sent', 'skipped', 'skipped']);
    expect(await inboxFor(client.email)).toHaveLength(1);
    const [record] = await steps.list(tenantId, invoice.id);
    expect(record).toMatchObject({ stepId: 'j-5', state: 'sent', attempts: 1, messageId: expect.any(String) });
    expect((await invoices.get(tenantId, invoice.id))?.reminderCount).toBe(1);
  });

  it('retries a failed send and, when SES keeps failing, leaves the step visibly failed', async () => {
    const { invoice, client } = await aSentInvoice();
    const input = { tenantId, invoiceId: invoice.id, ...J5 };
    const broken = new SESv2Client({ endpoint: inject('sesUrl'), region, credentials, maxAttempts: 1 });
    const faults = mockClient(broken);
    faults.on(SendEmailCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client' }));

    await expect(sendReminder(broken)(input)).rejects.toThrow(/SES SendEmail failed/);
    expect((await steps.list(tenantId, invoice.id))[0]).toMatchObject({ state: 'failed', attempts: 1, reason: expect.stringContaining('Rate exceeded') });

    // The platform retries; SES is back: the step goes out once.
    const retried = await sendReminder()(input);
    expect(retried.outcome).toBe('sent');
    expect(await inboxFor(client.email)).toHaveLength(1);

    const { invoice: other } = await aSentInvoice();
    const otherInput = { tenantId, invoiceId: other.id, ...J5 };
    for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) await expect(sendReminder(broken)(otherInput)).rejects.toThrow();
    const exhausted = await sendReminder()(otherInput);
    expect(exhausted).toMatchObject({ outcome: 'skipped', reason: 'already-claimed' });
    expect((await steps.list(tenantId, other.id))[0]).toMatchObject({ state: 'failed', attempts: MAX_SEND_ATTEMPTS });
    faults.restore();
  });

  it('skips and records why when the invoice was paid before the schedule fired', async () => {
    const { invoice, client } = await aSentInvoice();
    await invoices.save({ ...invoice, paidCents: invoice.totals.grossCents, status: 'paid', version: 2, lastPaymentAt: clock.now().toISOString() });
    const outcome = await sendReminder()({ tenantId, invoiceId: invoice.id, ...J5 });
    expect(outcome).toEqual({ outcome: 'skipped', reason: 'paid', stepId: 'j-5' });
    expect(await inboxFor(client.email)).toHaveLength(0);
    expect((await steps.list(tenantId, invoice.id))[0]).toMatchObject({ state: 'skipped', reason: 'paid' });
  });
});

describe('the schedule reconciler against the Scheduler emulator', () => {
  const scheduler = new EventBridgeReminderScheduler(new SchedulerClient({ endpoint: inject('schedulerEndpoint'), region, credentials }), {
    groupName: 'relances-local',
    targetArn: process.env.SEND_REMINDER_FUNCTION_ARN ?? 'arn:aws:lambda:eu-west-3:000000000000:function:send-reminder',
    roleArn: process.env.SCHEDULER_ROLE_ARN ?? 'arn:aws:iam::000000000000:role/scheduler',
  });
  const reconcile = makeReconcileSchedules({ ...readDeps, scheduler, clock });

  it('creates one schedule per future step, is idempotent, and removes them all once paid', async () => {
    clock.set('2026-11-20T10:00:00Z');
    const { invoice } = await aSentInvoice();
    const first = await reconcile(tenantId, invoice.id);
    expect(first.created).toHaveLength(4);
    expect(first.created.every((n) => n.length <= 64 && /^[0-9A-Za-z_.-]+$/.test(n))).toBe(true);
    expect(await reconcile(tenantId, invoice.id)).toEqual({ created: [], deleted: [] });
    expect((await scheduler.list(`rl-${invoice.id}-`)).map((s) => s.name).sort()).toEqual([...first.created].sort());

    await invoices.save({ ...invoice, paidCents: invoice.totals.grossCents, status: 'paid', version: 2 });
    const paid = await reconcile(tenantId, invoice.id);
    expect(paid.deleted.sort()).toEqual([...first.created].sort());
    expect(await scheduler.list(`rl-${invoice.id}-`)).toEqual([]);
  });

  it('treats creating an existing identical schedule and deleting a missing one as done', async () => {
    const definition = {
      name: `rl-${ulid()}-x-202612020800`,
      localTime: '2026-12-02T09:00:00',
      timeZone: 'Europe/Paris',
      input: { tenantId, invoiceId: 'none', stepId: 'x', scheduledAt: '2026-12-02T08:00:00.000Z' },
    };
    await scheduler.create(definition);
    await expect(scheduler.create(definition)).resolves.toBeUndefined();
    await scheduler.delete(definition.name);
    await expect(scheduler.delete(definition.name)).resolves.toBeUndefined();
  });
});
