import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoInvoiceRepository } from '../../shared/adapters/dynamo/dynamo-invoice-repository.js';
import { DynamoInvoiceLedger } from '../../shared/adapters/dynamo/dynamo-invoice-ledger.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { DynamoStepRepository } from '../../shared/adapters/dynamo/dynamo-step-repository.js';
import { DynamoLetterSteps } from '../../shared/adapters/dynamo/dynamo-letter-steps.js';
import { DynamoTenantDocuments } from '../../shared/adapters/dynamo/dynamo-tenant-documents.js';
import { ReactPdfRenderer } from '../../shared/adapters/pdf/react-pdf-renderer.js';
import { allDocumentTemplates } from '../../shared/wiring-pdf.js';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-reminder-scheduler.js';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer.js';
import type { InvoiceRecord, PdfRenderer } from '../../shared/app/ports.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import { invoiceTotals } from '../../shared/domain/invoice.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import type { Client } from '../../shared/http/schemas/clients.js';
import type { LetterData } from '../../shared/domain/letter.js';
import { fixedClock } from '../fixtures/fakes.js';
import { RecordingMetrics } from '../fixtures/recording-metrics.js';
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
const invoices = new DynamoInvoiceLedger(db, table);
const clients = new DynamoClientRepository(db, table);
const steps = new DynamoLetterSteps(db, table);
const readDeps = { invoices, clients, settings: new DynamoSettingsRepository(db, table), scenarios: new DynamoTenantDocuments<Scenario>(db, table, 'SCENARIO'), steps };
const ses = new SESv2Client({ endpoint: inject('sesUrl'), region, credentials, maxAttempts: 1 });
const tenantId = `it-${ulid().toLowerCase()}`;
const clock = fixedClock('2026-11-20T10:00:00Z');
/** What every sender below counts (RemindersSent, RemindersOutcomeUnknown…). */
const metrics = new RecordingMetrics();
const counted = (name: string) => metrics.recorded.filter((m) => m === name).length;

type Command = { constructor: { name: string }; input: Record<string, unknown> };
/** A DynamoDB client whose calls go through unless `fault` says to throw (after the SDK's own retries, as a throttle that lasts). */
const faultyClient = (fault: (command: Command) => boolean, { afterCommit = false } = {}) => {
  const client = docClient();
  const real = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  const faults: string[] = [];
  mockClient(client).send.callsFake(async (command: unknown) => {
    if (fault(command as Command)) {
      faults.push((command as Command).constructor.name);
      // A 500 whose write DynamoDB had applied: the caller cannot tell.
      if (afterCommit) await real(command);
      throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ProvisionedThroughputExceededException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    }
    return real(command) as never;
  });
  return { client, faults };
};
const mentions = (command: Command, text: string) => JSON.stringify(command.input).includes(text);
/** The claim transaction (step `scheduled → sending`, day slot, client gap) naming `invoiceId`. */
const claimOf = (invoiceId: string) => (command: Command) => command.constructor.name === 'TransactWriteCommand' && mentions(command, invoiceId) && mentions(command, '":sending"');
/** The write that records a step `sent` (alone, or inside a transaction) for `invoiceId`. */
const sentWriteOf = (invoiceId: string) => (command: Command) =>
  ['UpdateCommand', 'TransactWriteCommand'].includes(command.constructor.name) && mentions(command, invoiceId) && mentions(command, '"sentAt"') && mentions(command, '"sent"');

const sender = (faulty?: DynamoDBDocumentClient, pdf: PdfRenderer = new ReactPdfRenderer(allDocumentTemplates)) =>
  makeSendReminder({
    ...readDeps,
    ...(faulty ? { steps: new DynamoStepRepository(faulty, table), invoices: new DynamoInvoiceRepository(faulty, table) } : {}),
    templates: new DynamoTenantDocuments<ReminderTemplate>(db, table, 'TEMPLATE'),
    mailer: new SesMailer(ses, 'factures@relances.local'),
    pdf,
    clock,
    metrics,
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

/** An invoice of `client` sent on 20 Nov, due 2 Dec unless told (J-5 on Fri 27 Nov 09:00 Paris), its plan recorded; the fire of its step `index`. */
const aPlannedInvoice = async (client: Client, dueDate = '2026-12-02') => {
  const at = clock.now().toISOString();
  const lines = [{ description: 'Révision', quantity: 1, unitPriceCents: 100_000, vatRate: 20 as const }];
  const invoice: InvoiceRecord = {
    id: ulid(), tenantId, clientId: client.id, clientKind: 'business', number: `F-2026-${Math.floor(Math.random() * 9000) + 1000}`,
    issueDate: '2026-10-20', dueDate, lines, currency: 'EUR', totals: invoiceTotals(lines), paidCents: 0, creditedCents: 0,
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
  it('a letter listing several invoices is recorded to_post on all of them in one write, or on none while one left `sending`', async () => {
    const client = await aClient();
    const group = [await aPlannedInvoice(client), await aPlannedInvoice(client)];
    const at = clock.now().toISOString();
    const refs = await Promise.all(group.map(async (m) => (await steps.list(tenantId, m.invoice.id))[0]!));
    const members = group.map((m, i) => ({ invoiceId: m.invoice.id, ref: refs[i]!, dueDate: m.invoice.dueDate }));
    const letterMembers = members.map((m) => ({ invoiceId: m.invoiceId, plan: m.ref.plan, index: m.ref.index, stepId: m.ref.stepId }));
    const letter = { at, letter: { invoices: [] } as unknown as LetterData, letterSha256: 'a'.repeat(64), letterId: `L-${ulid()}`, letterMembers };
    const claim = (i: number) => steps.transition(tenantId, members[i]!.invoiceId, members[i]!.ref, { state: 'scheduled' }, { state: 'sending', at, leaseUntil: '2026-11-20T10:15:00.000Z' });
    expect(await claim(0)).toBe(true);
    // The second invoice's step is not `sending` (a payment cancelled it, a fire took it): nothing is recorded.
    await expect(steps.recordGroupToPost(tenantId, members, letter)).rejects.toThrow('left `sending`');
    expect((await steps.list(tenantId, members[0]!.invoiceId))[0]).toMatchObject({ state: 'sending' });
    expect((await steps.listToPost(tenantId)).filter((s) => s.letterId === letter.letterId)).toEqual([]);
    expect(await claim(1)).toBe(true);
    await steps.recordGroupToPost(tenantId, members, letter);
    for (const m of members) expect((await steps.list(tenantId, m.invoiceId))[0]).toMatchObject({ state: 'to_post', letterId: letter.letterId, letterSha256: letter.letterSha256 });
    expect((await steps.listToPost(tenantId)).filter((s) => s.letterId === letter.letterId).map((s) => s.invoiceId).sort()).toEqual(members.map((m) => m.invoiceId).sort());
  });

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

  it.each([
    ['refused (nothing written)', false],
    ['lost after DynamoDB applied it', true],
  ])('claim throttled, %s: no email; the retry sends exactly one, or the step fails unknown_outcome and the owner is told', async (_, afterCommit) => {
    const client = await aClient();
    const single = await aPlannedInvoice(client);
    const { client: faulty, faults } = faultyClient(claimOf(single.invoice.id), { afterCommit });
    const [unknownBefore, sentBefore] = [counted('reminderOutcomeUnknown'), counted('reminderSent')];
    await expect(sender(faulty)(single.fire(0))).rejects.toThrow('allowed throughput');
    expect(faults).toEqual(['TransactWriteCommand']);
    expect(await inboxFor(client.email)).toHaveLength(0);
    // The Scheduler's retry a minute later.
    await sender()({ ...single.fire(0), scheduledTime: '2026-11-27T08:01:00.000Z' });
    const [record] = await afterLeaseChecks([single]);
    if (afterCommit) {
      expect(await inboxFor(client.email)).toHaveLength(0);
      expect(record).toMatchObject({ state: 'failed', reason: 'unknown_outcome' });
      expect((await invoices.timeline(tenantId, single.invoice.id, { limit: 100 })).items.map((e) => e.type)).toContain('owner.alerted');
      // The RemindersOutcomeUnknown alarm's metric, once.
      expect([counted('reminderOutcomeUnknown') - unknownBefore, counted('reminderSent') - sentBefore]).toEqual([1, 0]);
    } else {
      const inbox = await inboxFor(client.email);
      expect(inbox).toHaveLength(1);
      expect(record).toMatchObject({ state: 'sent', attempts: 1, messageId: expect.any(String) });
      expect([counted('reminderOutcomeUnknown') - unknownBefore, counted('reminderSent') - sentBefore]).toEqual([0, 1]);
    }
  });

  it('grouped claim throttled: no email, no member claimed; the retry sends one message recorded on every member', async () => {
    const client = await aClient();
    const group = [await aPlannedInvoice(client), await aPlannedInvoice(client)];
    const { client: faulty } = faultyClient(claimOf(group[1]!.invoice.id));
    await expect(sender(faulty)(group[0]!.fire(0))).rejects.toThrow('allowed throughput');
    expect(await inboxFor(client.email)).toHaveLength(0);
    expect((await Promise.all(group.map(async (m) => (await steps.list(tenantId, m.invoice.id))[0]!.state)))).toEqual(['scheduled', 'scheduled']);
    const retry = await sender()({ ...group[0]!.fire(0), scheduledTime: '2026-11-27T08:01:00.000Z' });
    expect(retry).toMatchObject({ outcome: 'sent', grouped: group.map((m) => m.invoice.id) });
    expect(await sender()(group[1]!.fire(0))).toMatchObject({ outcome: 'ignored', reason: 'already_sent' });
    expect(await inboxFor(client.email)).toHaveLength(1);
    const records = await afterLeaseChecks(group);
    expect(records.map((r) => [r.state, r.messageId])).toEqual(group.map(() => ['sent', retry.outcome === 'sent' && retry.messageId]));
  });

  it('grouped: a member paid while the PDFs render is not in the message; the others go in one message, the paid one gets none', async () => {
    const client = await aClient();
    const group = [await aPlannedInvoice(client), await aPlannedInvoice(client), await aPlannedInvoice(client)];
    const paid = group[1]!.invoice;
    const real = new ReactPdfRenderer(allDocumentTemplates);
    let renders = 0;
    const paying: PdfRenderer = {
      invoice: async (data) => {
        if (renders++ === 0) {
          const stored = (await invoices.get(tenantId, paid.id))!;
          await invoices.save({ ...stored, paidCents: stored.totals.grossCents, status: 'paid', version: stored.version, lastPaymentAt: clock.now().toISOString() });
        }
        return real.invoice(data);
      },
      letter: (data) => real.letter(data),
    };
    const outcome = await sender(undefined, paying)(group[0]!.fire(0));
    expect(outcome).toMatchObject({ outcome: 'sent', grouped: [group[0]!.invoice.id, group[2]!.invoice.id] });
    const inbox = (await (await fetch(`${inject('sesUrl')}/store`)).json()) as { emails: { destination: { to: string[] }; content?: unknown }[] };
    const mine = inbox.emails.filter((e) => e.destination.to.includes(client.email));
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(mine[0])).not.toContain(paid.number!);
    expect(JSON.stringify(mine[0])).toContain(group[2]!.invoice.number!);
    // The paid invoice's own fire: nothing to send.
    expect(await sender()(group[1]!.fire(0))).toMatchObject({ outcome: 'skipped', reason: 'paid' });
    expect(await inboxFor(client.email)).toHaveLength(1);
    const states = await Promise.all(group.map(async (m) => (await steps.list(tenantId, m.invoice.id))[0]!));
    expect(states.map((r) => r.state)).toEqual(['sent', 'skipped', 'sent']);
    expect(states[0]!.messageId).toBe(states[2]!.messageId);
    // No day slot or reminder counted for the paid invoice.
    expect((await invoices.get(tenantId, paid.id))?.reminderCount).toBe(0);
  });

  it('grouped in a firmer tone: the group_sent write throttled after the message went is applied by the re-plan; the client never gets that text again a week later', async () => {
    const client = await aClient();
    // A (due 19 Nov) has its J+8 « firm » on Fri 27 Nov, B (due 26 Nov) its J+1 « reminder » the same day.
    const a = await aPlannedInvoice(client, '2026-11-19');
    const b = await aPlannedInvoice(client, '2026-11-26');
    const at = clock.now().toISOString();
    for (const r of (await steps.list(tenantId, a.invoice.id)).filter((r) => r.state === 'scheduled' && ['j-5', 'j+1'].includes(r.stepId))) await steps.transition(tenantId, a.invoice.id, r, { state: 'scheduled' }, { state: 'skipped', reason: 'test', at });
    const j8 = (await steps.list(tenantId, a.invoice.id)).find((r) => r.stepId === 'j+8')!;
    const FRIDAY = '2026-11-27T08:00:00.000Z';
    await steps.transition(tenantId, a.invoice.id, j8, { state: 'scheduled' }, { state: 'scheduled', scheduledAt: FRIDAY, at });
    const bJ5 = (await steps.list(tenantId, b.invoice.id)).find((r) => r.stepId === 'j-5')!;
    await steps.transition(tenantId, b.invoice.id, bJ5, { state: 'scheduled' }, { state: 'skipped', reason: 'test', at });
    expect((await steps.list(tenantId, b.invoice.id)).filter((r) => r.state === 'scheduled').map((r) => [r.stepId, r.scheduledAt])).toEqual([
      ['j+1', FRIDAY], ['j+8', '2026-12-04T08:00:00.000Z'], ['j+15', '2026-12-11T08:00:00.000Z'], ['escalate', '2026-12-28T08:00:00.000Z'],
    ]);
    const { client: faulty, faults } = faultyClient((c) => mentions(c, b.invoice.id) && mentions(c, '"group_sent"'));
    const aFire = { tenantId, invoiceId: a.invoice.id, stepId: 'j+8', plan: j8.plan, index: j8.index, scheduledAt: FRIDAY, scheduledTime: FRIDAY };
    await expect(sender(faulty)(aFire)).rejects.toThrow('allowed throughput');
    expect(faults.length).toBeGreaterThan(0);
    // The fire's retry finds its step sent: nothing more from the send path.
    expect(await sender()({ ...aFire, scheduledTime: '2026-11-27T08:01:00.000Z' })).toMatchObject({ outcome: 'ignored', reason: 'already_sent' });
    expect(await inboxFor(client.email)).toHaveLength(1);
    const sentB = (await steps.list(tenantId, b.invoice.id)).find((r) => r.stepId === 'j+1')!;
    expect(sentB).toMatchObject({ state: 'sent', sentEvent: { data: { templateId: 'firm' } } });
    // B's own change on the stream re-plans it: its J+8 (the « firm » text it just got) is skipped, its mise en demeure stays.
    await reconcile(tenantId, b.invoice.id);
    expect((await steps.list(tenantId, b.invoice.id)).map((r) => [r.stepId, r.state, r.reason])).toEqual([
      ['j-5', 'skipped', 'test'], ['j+1', 'sent', undefined], ['j+8', 'skipped', 'group_sent'], ['j+15', 'scheduled', undefined], ['escalate', 'scheduled', undefined],
    ]);
    // Idempotent: another re-plan leaves it so.
    await reconcile(tenantId, b.invoice.id);
    expect((await steps.list(tenantId, b.invoice.id)).find((r) => r.stepId === 'j+15')).toMatchObject({ state: 'scheduled' });
  });
});
