/**
 * DynamoDB stream consumer (a second event source on the table stream, beside the schedule
 * reconciler): keeps the client and tenant aggregates the cockpit and the client list read.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { parseItemKey } from '../../shared/adapters/dynamo/keys.js';
import { aggregateChangeTarget } from '../../shared/app/aggregates/stream-changes.js';
import { makeUpdateAggregatesBatch } from '../../shared/app/aggregates/update-aggregates-batch.js';
import { wiring } from '../../shared/wiring.js';
import { aggregates } from '../../shared/wiring-aggregates.js';

const updateBatch = makeUpdateAggregatesBatch({ aggregates: aggregates(), settings: wiring.settings(), clients: wiring.clients() });
const image = (value: unknown) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);
/** What the record's keys name (undefined for items no consumer acts on). */
const itemOf = (record: DynamoDBStreamEvent['Records'][number]) => parseItemKey((image(record.dynamodb?.Keys) ?? {}) as { PK?: string; SK?: string });

export const handler = async (event: DynamoDBStreamEvent) => {
  const targets = event.Records.flatMap((record) => {
    const target = aggregateChangeTarget(itemOf(record), record.eventName, image(record.dynamodb?.NewImage), image(record.dynamodb?.OldImage));
    return target ? [target] : [];
  });
  return updateBatch(targets);
};
