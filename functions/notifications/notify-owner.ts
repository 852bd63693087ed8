/**
 * DynamoDB stream consumer (a third event source on the table stream): timeline events that
 * notify the owner become notifications and emails, payments are filed by date for the daily
 * overview, and a settings change keeps the tenant's daily-overview schedule. Every step is
 * idempotent, so a retried or bisected batch changes nothing twice.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { parseItemKey } from '../../shared/adapters/dynamo/keys.js';
import { notificationChangeTarget } from '../../shared/app/notifications/stream-changes.js';
import { notifyOwner, syncPaymentLog } from '../../shared/wiring-notifications.js';
import { syncOverviewSchedule } from '../../shared/wiring-overview-schedule.js';

const notify = notifyOwner();
const syncPayment = syncPaymentLog();
const syncSchedule = syncOverviewSchedule();
const image = (value: unknown) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);
/** What the record's keys name (undefined for items no consumer acts on). */
const itemOf = (record: DynamoDBStreamEvent['Records'][number]) => parseItemKey((image(record.dynamodb?.Keys) ?? {}) as { PK?: string; SK?: string });

export const handler = async (event: DynamoDBStreamEvent): Promise<{ notified: number }> => {
  let notified = 0;
  const tenants = new Set<string>();
  const payments = new Map<string, { tenantId: string; invoiceId: string; paymentId: string }>();
  for (const record of event.Records) {
    const target = notificationChangeTarget(itemOf(record), record.eventName, image(record.dynamodb?.NewImage));
    if (!target) continue;
    if (target.kind === 'settings') tenants.add(target.tenantId);
    else if (target.kind === 'payment') payments.set(`${target.tenantId}/${target.invoiceId}/${target.paymentId}`, target);
    else if ((await notify(target)) !== 'exists') notified++;
  }
  for (const payment of payments.values()) await syncPayment({ kind: 'payment', ...payment });
  for (const tenantId of tenants) await syncSchedule(tenantId);
  return { notified };
};
