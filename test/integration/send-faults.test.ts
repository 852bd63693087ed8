import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
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
import { allDocumentTemplates } from '../../shared/wiring-pdf.js';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-reminder-scheduler.js';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import { invoiceTotals } from '../../shared/domain/invoice.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import type { Client } from '../../shared/http/schemas/clients.js';
import { fixedClock } from '../fixtures/fakes.js';
import { ensureTable } from '../../infra/local/dynamodb-local.js';

/**
 * DynamoDB faults on the send path (aws-sdk-client-mock injects them on a second client; every other
 * call goes to DynamoDB Local, SES to its emulator): whatever fails, a message is sent at most once and
 * every step it was about says the same thing about it.
 */
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'eu-west-3';
const docClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region, credentials }), { marshallOptions: { removeUndefinedValues: true } });
const db = docClient();
const table = `faults-${ulid().toLowerCase()}`;
const invoices = new DynamoInvoiceRepository(db, table);
const clients = new DynamoClientRepository(db, table);
const steps = new DynamoStepRepository(db, table);
const readDeps = { invoices, clients, settings: new DynamoSettingsRepository(db, table), scenarios: new DynamoTenantDocuments<Scenario>(db, table, 'SCENARIO'), steps };
const ses = new SESv2Client({ endpoint: inject('sesUrl'), region, credentials, maxAttempts: 1 });
const tenantId = `it-${ulid().toLowerCase()}`;
const clock = fixedClock('2026-11-20T10:00:00Z');

type Command = { constructor: { name: string }; input: Record<string, unknown> };
/** A DynamoDB client whose calls go through unless `fault` says to throw (after the SDK's own retries, as a throttle that lasts). */
const faultyClient = (fault: (command: Command) => boolean) => {
  const client = docClient();
  const real = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  const faults: string[] = [];
  mockClient(client).send.callsFake(async (command: unknown) => {
    if (fault(command as Command)) {
      faults.push((command as Command).constructor.name);
      throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ProvisionedThroughputExceededException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    }
    return real(command) as never;
  });
  return { client, faults };
};
const mentions = (command: Command, text: string) => JSON.stringify(command.input).includes(text);
/** The write that records a step `sent` (alone, or inside a transaction) for `invoiceId`. */
const sentWriteOf = (invoiceId: string) => (command: Command) =>
  ['UpdateCommand', 'TransactWriteCommand'].includes(command.constructor.name) && mentions(command, invoiceId) && mentions(command, '"sentAt"') && mentions(command, '"sent"');

const sender = (faulty?: DynamoDBDocumentClient) =>
  makeSendReminder({
    ...readDeps,
    ...(faulty ? { steps: new DynamoStepRepository(faulty, table), invoices: new DynamoInvoiceRepository(faulty, table) } : {}),
    templates: new DynamoTenantDocuments<ReminderTemplate>(db, table, 'TEMPLATE'),
    mailer: new SesMailer(ses, 'factures@relances.local'),
    pdf: new ReactPdfRenderer(allDocumentTemplates),
    clock,
  });

const inboxFor = async (to: string) =>
  ((await (await fetch(`${inject('sesUrl')}/store`)).json()) as { emails: { messageId?: string; destination: { to: string[] } }[] }).emails.filter((e) => e.destination.to.includes(to));

const scheduler = new EventBridgeReminderScheduler(new SchedulerClient({ endpoint: inject('schedulerEndpoint'), region, credentials }), {
  groupName: 'relances-local',
  targetArn: 'arn:aws:lambda:eu-west-3:000000000000:function:send-reminder',
  roleArn: 'arn:aws:iam::000000000000:role/scheduler',
});
const reconcile = makeReconcileSchedules({ ...readDeps, scheduler, clock });

const aClient = async (): Promise<Client> => {
  const at = clock.now().toISOString();
  const client: Client = {
    id: ulid(), name: 'Garage Lefèvre SAS', kind: 'business', email: `garage-${ulid().toLowerCase()}@client.test`, ccEmails: [], language: 'fr',
    remindersEnabled: true, emailStatus: 'ok', createdAt: at, updatedAt: at,
  };
  await clients.create(tenantId, client);
  return client;
};

/** An invoice of `client` sent on 20 Nov, due 2 Dec (J-5 on Fri 27 Nov 09:00 Paris), its plan recorded; the fire of its step `index`. */
const aPlannedInvoice = async (client: Client) => {
  const at = clock.now().toISOString();
  const lines = [{ description: 'Révision', quantity: 1, unitPriceCents: 100_000, vatRate: 20 as const }];
  const invoice: InvoiceRecord = {
    id: ulid(), tenantId, clientId: client.id, clientKind: 'business', number: `F-2026-${Math.floor(Math.random() * 9000) + 1000}`,
    issueDate: '2026-11-02', dueDate: '2026-12-02', lines, currency: 'EUR', totals: invoiceTotals(lines), paidCents: 0, creditedCents: 0,
    status: 'sent', remindersPaused: false, disputed: false, sentAt: at, reminderCount: 0, version: 1, createdAt: at, updatedAt: at,
  };
  await invoices.create(invoice, { at, type: 'invoice.created' });
  await reconcile(tenantId, invoice.id);
  const records = await steps.list(tenantId, invoice.id);
  const fire = (index: number) => {
    const r = records.find((s) => s.index === index)!;
    return { tenantId, invoiceId: invoice.id, stepId: r.stepId, plan: r.plan, index, scheduledAt: r.scheduledAt!, scheduledTime: r.scheduledAt! };
  };
  return { invoice, fire };
};

type Planned = Awaited<ReturnType<typeof aPlannedInvoice>>;
/** Each invoice's first step after its lease check fired (a crash left it `sending`), as the table has it. */
const afterLeaseChecks = async (group: readonly Planned[]) => {
  for (const member of group) {
    const record = (await steps.list(tenantId, member.invoice.id))[0]!;
    if (record.state !== 'sending') continue;
    await sender()({ ...member.fire(0), kind: 'lease', scheduledAt: record.leaseUntil!, scheduledTime: new Date(Date.parse(record.leaseUntil!) + 60_000).toISOString() });
  }
  return Promise.all(group.map(async (m) => (await steps.list(tenantId, m.invoice.id))[0]!));
};

beforeAll(async () => {
  await ensureTable(inject('dynamodbEndpoint'), table);
});

describe('DynamoDB faults on the send path', () => {
  it('grouped message: the `sent` write of one member throttled after SES accepted — one email, and every member says the same (all sent with the message id, or all unknown_outcome); never half', async () => {
    const client = await aClient();
    const group = [await aPlannedInvoice(client), await aPlannedInvoice(client), await aPlannedInvoice(client)];
    const { client: faulty, faults } = faultyClient(sentWriteOf(group[1]!.invoice.id));
    await sender(faulty)(group[0]!.fire(0)).catch(() => undefined);
    expect(faults.length).toBeGreaterThan(0);
    expect(await inboxFor(client.email)).toHaveLength(1);
    // The Scheduler's retry of the first fire and the other members' own fires send nothing more.
    for (const member of group) await sender()({ ...member.fire(0), scheduledTime: '2026-11-27T08:01:00.000Z' });
    expect(await inboxFor(client.email)).toHaveLength(1);
    const records = await afterLeaseChecks(group);
    const states = records.map((r) => `${r.state}:${r.reason ?? r.messageId}`);
    expect(new Set(states).size, states.join(' | ')).toBe(1);
    expect(['sent', 'failed']).toContain(records[0]!.state);
    // Not silent: the owner hears of each step whose outcome the table could not record.
    if (records[0]!.state === 'failed') {
      for (const member of group) expect((await invoices.timeline(tenantId, member.invoice.id, { limit: 100 })).items.map((e) => e.type)).toContain('owner.alerted');
    }
    expect(await inboxFor(client.email)).toHaveLength(1);
  });
});
