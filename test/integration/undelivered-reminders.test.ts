import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoInvoiceLedger } from '../../shared/adapters/dynamo/dynamo-invoice-ledger.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { DynamoLetterSteps } from '../../shared/adapters/dynamo/dynamo-letter-steps.js';
import { DynamoTenantDocuments } from '../../shared/adapters/dynamo/dynamo-tenant-documents.js';
import { ReactPdfRenderer } from '../../shared/adapters/pdf/react-pdf-renderer.js';
import { allDocumentTemplates } from '../../shared/wiring-pdf.js';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-reminder-scheduler.js';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import { scheduleName } from '../../shared/app/reminders/reminder-context.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import { invoiceTotals } from '../../shared/domain/invoice.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import type { Client } from '../../shared/http/schemas/clients.js';
import { makeUndeliveredHandler } from '../../functions/reminders/undelivered-reminders.js';
import { fixedClock } from '../fixtures/fakes.js';
import { RecordingMetrics } from '../fixtures/recording-metrics.js';
import { ensureTable } from '../../infra/local/dynamodb-local.js';

/**
 * The reminder dead-letter queue's consumer (sync-schedules on AWS) on DynamoDB Local and the Scheduler emulator:
 * a fire that never finished (Lambda's async onFailure record, or the Scheduler's DLQ message) leaves no step
 * `scheduled` in the past. The step goes through the send path's failure path: retried with backoff within 24 h,
 * then `failed` and the owner told; a duplicate message, or a step already sent, changes nothing.
 */
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'eu-west-3';
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region, credentials }), { marshallOptions: { removeUndefinedValues: true } });
const table = `undelivered-${ulid().toLowerCase()}`;
const invoices = new DynamoInvoiceLedger(db, table);
const clients = new DynamoClientRepository(db, table);
const steps = new DynamoLetterSteps(db, table);
const readDeps = { invoices, clients, settings: new DynamoSettingsRepository(db, table), scenarios: new DynamoTenantDocuments<Scenario>(db, table, 'SCENARIO'), steps };
const tenantId = `it-${ulid().toLowerCase()}`;
const clock = fixedClock('2026-11-20T10:00:00Z');
const metrics = new RecordingMetrics();
const handler = makeUndeliveredHandler({ ...readDeps, clock, metrics });

const schedulerClient = new SchedulerClient({ endpoint: inject('schedulerEndpoint'), region, credentials });
const GROUP = 'relances-local';
const TARGET = 'arn:aws:lambda:eu-west-3:000000000000:function:send-reminder';
const scheduler = new EventBridgeReminderScheduler(schedulerClient, { groupName: GROUP, targetArn: TARGET, roleArn: 'arn:aws:iam::000000000000:role/scheduler' });
const reconcile = makeReconcileSchedules({ ...readDeps, scheduler, clock });
/** J-5 of an invoice due Wed 2 Dec: Fri 27 Nov 09:00 Paris. */
const J5_AT = '2026-11-27T08:00:00.000Z';

const aPlannedInvoice = async () => {
  const at = '2026-11-20T10:00:00.000Z';
  const client: Client = {
    id: ulid(), name: 'Garage Lefèvre SAS', kind: 'business', email: `garage-${ulid().toLowerCase()}@client.test`, ccEmails: [], language: 'fr',
    remindersEnabled: true, emailStatus: 'ok', createdAt: at, updatedAt: at,
  };
  await clients.create(tenantId, client);
  const lines = [{ description: 'Révision', quantity: 1, unitPriceCents: 100_000, vatRate: 20 as const }];
  const invoice: InvoiceRecord = {
    id: ulid(), tenantId, clientId: client.id, clientKind: 'business', number: `F-2026-${Math.floor(Math.random() * 9000) + 1000}`,
    issueDate: '2026-10-20', dueDate: '2026-12-02', lines, currency: 'EUR', totals: invoiceTotals(lines), paidCents: 0, creditedCents: 0,
    status: 'sent', remindersPaused: false, disputed: false, sentAt: at, reminderCount: 0, version: 1, createdAt: at, updatedAt: at,
  };
  clock.set(at);
  await invoices.create(invoice, { at, type: 'invoice.created' });
  await reconcile(tenantId, invoice.id);
  const first = (await steps.list(tenantId, invoice.id))[0]!;
  expect(first).toMatchObject({ state: 'scheduled', scheduledAt: J5_AT });
  return { invoice, client, first };
};
const stepOf = async (invoiceId: string) => (await steps.list(tenantId, invoiceId))[0]!;

/** The input the Scheduler gives the target (its placeholder filled in), read from the step's schedule in the emulator. */
const scheduleInput = async (invoiceId: string, step: { plan: number; index: number; scheduledAt?: string }): Promise<string> => {
  const schedule = await schedulerClient.send(new GetScheduleCommand({ Name: scheduleName(invoiceId, step, step.scheduledAt!), GroupName: GROUP }));
  return schedule.Target!.Input!.replace('<aws.scheduler.scheduled-time>', step.scheduledAt!.replace('.000Z', 'Z'));
};
const sqsRecord = (body: string, messageAttributes: SQSRecord['messageAttributes'] = {}): SQSRecord => ({
  messageId: ulid(), receiptHandle: 'AQEB', body, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:eu-west-3:000000000000:ReminderDLQ', awsRegion: region,
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1764230400000', SenderId: 'AROA', ApproximateFirstReceiveTimestamp: '1764230400000' },
  messageAttributes,
});
/** What EventBridge Scheduler dead-letters: the target's input as the body, the error in message attributes. */
const schedulerMessage = (input: string) =>
  sqsRecord(input, {
    ERROR_CODE: { stringValue: 'AWS.Lambda.TooManyRequestsException', dataType: 'String' },
    ERROR_MESSAGE: { stringValue: 'Rate Exceeded.', dataType: 'String' },
    RETRY_ATTEMPTS: { stringValue: '20', dataType: 'Number' },
    TARGET_ARN: { stringValue: TARGET, dataType: 'String' },
  });
/** What Lambda's async `onFailure` destination sends: the invocation record around the schedule's input. */
const lambdaMessage = (input: string) =>
  sqsRecord(
    JSON.stringify({
      version: '1.0', timestamp: '2026-11-27T08:03:12.000Z',
      requestContext: { requestId: ulid(), functionArn: `${TARGET}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: JSON.parse(input),
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Runtime.ExitError', errorMessage: 'RequestId: x Error: Runtime exited with error: signal: killed' },
    }),
  );
const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
const timelineOf = async (invoiceId: string) => (await invoices.timeline(tenantId, invoiceId, { limit: 100 })).items;

beforeAll(async () => {
  await ensureTable(inject('dynamodbEndpoint'), table);
});

describe('a reminder fire dead-lettered by the Scheduler', () => {
  it('retries the step with the send path’s backoff, says why, counts a failure; the same message again changes nothing', async () => {
    const { invoice, first } = await aPlannedInvoice();
    const input = await scheduleInput(invoice.id, first);
    clock.set('2026-11-27T08:20:00.000Z');
    const failedBefore = metrics.recorded.filter((m) => m === 'reminderFailed').length;
    const message = schedulerMessage(input);

    expect(await handler(batch(message))).toEqual({ batchItemFailures: [] });
    const retried = await stepOf(invoice.id);
    // 15 minutes after the failure, as a failed send (shared/domain/reminder-steps.ts nextRetryAt).
    expect(retried).toMatchObject({ state: 'scheduled', reason: 'retry', lastError: 'invoke_failed', firstFailedAt: '2026-11-27T08:20:00.000Z', scheduledAt: '2026-11-27T08:35:00.000Z', attempts: 1 });
    expect(metrics.recorded.filter((m) => m === 'reminderFailed').length).toBe(failedBefore + 1);
    expect((await timelineOf(invoice.id)).filter((e) => e.type === 'reminder.failed')).toHaveLength(1);

    // SQS delivers at least once: the duplicate finds the step moved on and leaves it.
    expect(await handler(batch(message))).toEqual({ batchItemFailures: [] });
    expect(await stepOf(invoice.id)).toEqual(retried);
    expect(metrics.recorded.filter((m) => m === 'reminderFailed').length).toBe(failedBefore + 1);
    expect((await timelineOf(invoice.id)).filter((e) => e.type === 'reminder.failed')).toHaveLength(1);
  });
});

describe('a reminder fire dead-lettered by Lambda (async onFailure)', () => {
  it('keeps retrying within 24 h of the first failure, then fails the step and tells the owner', async () => {
    const { invoice, first } = await aPlannedInvoice();
    let step = first;
    let messages = 0;
    while (step.state === 'scheduled') {
      const input = await scheduleInput(invoice.id, step);
      // Each retry's fire is lost as well, a few minutes after its time.
      clock.set(new Date(Date.parse(step.scheduledAt!) + 5 * 60_000).toISOString());
      expect(await handler(batch(lambdaMessage(input)))).toEqual({ batchItemFailures: [] });
      messages++;
      const next = await stepOf(invoice.id);
      expect(next.lastError).toBe('invoke_failed');
      expect(next.scheduledAt === step.scheduledAt && next.state === 'scheduled').toBe(false);
      // The retry's schedule is the reconciler's job (the table stream on AWS).
      if (next.state === 'scheduled') await reconcile(tenantId, invoice.id);
      step = next;
      expect(messages).toBeLessThan(10);
    }
    expect(messages).toBeGreaterThan(1);
    expect(step).toMatchObject({ state: 'failed', reason: 'invoke_failed', firstFailedAt: '2026-11-27T08:05:00.000Z' });
    expect(Date.parse(step.at) - Date.parse(step.firstFailedAt!)).toBeLessThanOrEqual(24 * 3_600_000);
    const timeline = await timelineOf(invoice.id);
    expect(timeline.filter((e) => e.type === 'owner.alerted').map((e) => e.data)).toEqual([{ reason: 'send_failed', stepId: first.stepId }]);
    expect(timeline.filter((e) => e.type === 'reminder.failed' && (e.data as { final?: boolean }).final)).toHaveLength(1);
  });
});

describe('a reminder fire dead-lettered while its step was sending (the function died between SES and the table)', () => {
  it('fails the step unknown_outcome once its lease is over, tells the owner and counts RemindersOutcomeUnknown; never twice', async () => {
    const { invoice, first } = await aPlannedInvoice();
    const input = await scheduleInput(invoice.id, first);
    // What the send path's claim leaves behind when the invocation is killed after it (a timeout, say).
    expect(await steps.transition(tenantId, invoice.id, first, { state: 'scheduled', scheduledAt: first.scheduledAt! }, { state: 'sending', at: '2026-11-27T08:00:01.000Z', leaseUntil: '2026-11-27T08:10:00.000Z' })).toBe(true);
    const count = (name: string) => metrics.recorded.filter((m) => m === name).length;
    const [unknownBefore, failedBefore] = [count('reminderOutcomeUnknown'), count('reminderFailed')];

    // Within its lease the send may still be running: left alone.
    clock.set('2026-11-27T08:05:00.000Z');
    expect(await handler(batch(lambdaMessage(input)))).toEqual({ batchItemFailures: [] });
    expect(await stepOf(invoice.id)).toMatchObject({ state: 'sending' });
    expect(count('reminderOutcomeUnknown')).toBe(unknownBefore);

    clock.set('2026-11-27T08:20:00.000Z');
    const message = lambdaMessage(input);
    expect(await handler(batch(message))).toEqual({ batchItemFailures: [] });
    expect(await stepOf(invoice.id)).toMatchObject({ state: 'failed', reason: 'unknown_outcome' });
    expect((await timelineOf(invoice.id)).filter((e) => e.type === 'owner.alerted').map((e) => e.data)).toEqual([{ reason: 'unknown_outcome', stepId: first.stepId }]);
    expect([count('reminderOutcomeUnknown') - unknownBefore, count('reminderFailed') - failedBefore]).toEqual([1, 0]);

    // SQS delivers at least once: the duplicate changes and counts nothing.
    expect(await handler(batch(message))).toEqual({ batchItemFailures: [] });
    expect([count('reminderOutcomeUnknown') - unknownBefore, count('reminderFailed') - failedBefore]).toEqual([1, 0]);
    expect((await timelineOf(invoice.id)).filter((e) => e.type === 'owner.alerted')).toHaveLength(1);
  });
});

describe('what the consumer leaves alone', () => {
  it('a step sent meanwhile (the Scheduler delivered a retry that went through)', async () => {
    const { invoice, first } = await aPlannedInvoice();
    const input = await scheduleInput(invoice.id, first);
    clock.set('2026-11-27T08:01:00.000Z');
    const ses = new SESv2Client({ endpoint: inject('sesUrl'), region, credentials, maxAttempts: 1 });
    const send = makeSendReminder({
      ...readDeps, templates: new DynamoTenantDocuments<ReminderTemplate>(db, table, 'TEMPLATE'),
      mailer: new SesMailer(ses, 'factures@relances.local'), pdf: new ReactPdfRenderer(allDocumentTemplates), clock,
    });
    expect((await send(JSON.parse(input))).outcome).toBe('sent');
    const sent = await stepOf(invoice.id);
    clock.set('2026-11-27T08:30:00.000Z');
    expect(await handler(batch(lambdaMessage(input), schedulerMessage(input)))).toEqual({ batchItemFailures: [] });
    expect(await stepOf(invoice.id)).toEqual(sent);
    expect((await timelineOf(invoice.id)).filter((e) => e.type === 'reminder.failed' || e.type === 'owner.alerted')).toEqual([]);
  });

  it('passes on what names no step (a daily overview, an unreadable body) for the failure queue and its alarm', async () => {
    const overview = sqsRecord(JSON.stringify({ tenantId, kind: 'overview', scheduledTime: '2026-11-27T07:00:00Z' }));
    const garbage = sqsRecord('{not json');
    const { invoice, first } = await aPlannedInvoice();
    clock.set('2026-11-27T08:20:00.000Z');
    const step = schedulerMessage(await scheduleInput(invoice.id, first));
    const result = await handler(batch(overview, garbage, step));
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([overview.messageId, garbage.messageId].sort());
    expect(await stepOf(invoice.id)).toMatchObject({ state: 'scheduled', reason: 'retry', lastError: 'invoke_failed' });
  });
});
