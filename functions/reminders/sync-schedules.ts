/**
 * DynamoDB stream consumer: the reconciler of DESIGN.md §1. Each changed invoice (or every
 * open invoice of a changed client, scenario or settings) is re-planned once per batch.
 * A throw makes Lambda retry the batch (bisecting on error); reconciling is idempotent.
 * It also consumes the reminder dead-letter queue (an SQS batch): undelivered-reminders.ts.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseItemKey } from '../../shared/adapters/dynamo/keys.js';
import { changeTarget, type ChangeTarget } from '../../shared/app/reminders/stream-targets.js';
import { reconcileQuoteFollowUp, reconcileSchedules, scheduleLeaseCheck } from '../../shared/wiring-scheduler.js';
import { wiring } from '../../shared/wiring.js';
import { reminderReadDeps } from '../../shared/wiring-reminders.js';
import { metrics } from '../../shared/wiring-telemetry.js';
import { makeUndeliveredHandler } from './undelivered-reminders.js';

const reconcileQuote = reconcileQuoteFollowUp();
const image = (value: unknown) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);
/** What the record's keys name (undefined for items no consumer acts on). */
const itemOf = (record: DynamoDBStreamEvent['Records'][number]) => parseItemKey((image(record.dynamodb?.Keys) ?? {}) as { PK?: string; SK?: string });

const undelivered = makeUndeliveredHandler({ ...reminderReadDeps(), clock: wiring.clock, metrics: metrics() });
const isSqs = (event: DynamoDBStreamEvent | SQSEvent): event is SQSEvent => event.Records[0]?.eventSource === 'aws:sqs';

export function handler(event: SQSEvent): Promise<SQSBatchResponse>;
export function handler(event: DynamoDBStreamEvent): Promise<{ reconciled: number }>;
export function handler(event: DynamoDBStreamEvent | SQSEvent): Promise<{ reconciled: number } | SQSBatchResponse> {
  return isSqs(event) ? undelivered(event) : reconcileStream(event);
}

const reconcileStream = async (event: DynamoDBStreamEvent): Promise<{ reconciled: number }> => {
  // Settings and scenarios read once for the batch (shared/app/batch-reads.ts).
  const reconcile = reconcileSchedules({ batchReads: true });
  const invoices = new Map<string, { tenantId: string; invoiceId: string }>();
  const leases = new Map<string, Extract<ChangeTarget, { kind: 'lease' }>>();
  const quotes = new Map<string, { tenantId: string; quoteId: string }>();
  for (const record of event.Records) {
    const target = changeTarget(itemOf(record), image(record.dynamodb?.OldImage), image(record.dynamodb?.NewImage));
    if (!target) continue;
    if (target.kind === 'quote') {
      quotes.set(`${target.tenantId}/${target.quoteId}`, target);
      continue;
    }
    if (target.kind === 'lease') {
      leases.set(`${target.tenantId}/${target.invoiceId}/${target.step.plan}.${target.step.index}/${target.step.leaseUntil}`, target);
      continue;
    }
    const ids =
      target.kind === 'invoice'
        ? [target.invoiceId]
        : await wiring.invoices().openInvoiceIds(target.tenantId, target.kind === 'client' ? target.clientId : undefined);
    for (const invoiceId of ids) invoices.set(`${target.tenantId}/${invoiceId}`, { tenantId: target.tenantId, invoiceId });
  }
  // A claimed step's lease check, unless the batch re-plans that invoice anyway (its `sent` record came
  // along): the re-plan reads the current state and holds a lease check for a step still `sending`.
  const pendingLeases = [...leases.values()].filter((l) => !invoices.has(`${l.tenantId}/${l.invoiceId}`));
  const lease = pendingLeases.length > 0 ? scheduleLeaseCheck() : undefined;
  const leaseWorker = async () => {
    for (let next = pendingLeases.shift(); next; next = pendingLeases.shift()) await lease!(next.tenantId, next.invoiceId, next.step);
  };
  await Promise.all(Array.from({ length: 4 }, leaseWorker));
  // Bounded concurrency keeps bulk re-plans (a settings change) under the Scheduler's TPS quota.
  const queue = [...invoices.values()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await reconcile(next.tenantId, next.invoiceId);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  for (const quote of quotes.values()) await reconcileQuote(quote.tenantId, quote.quoteId);
  return { reconciled: invoices.size + quotes.size + leases.size };
};
