/**
 * DynamoDB stream consumer: writes the chunks of large imports (issue 9 §5). An import above
 * SYNC_IMPORT_LIMIT invoices answers 202 with a job; its chunk items reach this function
 * through the table stream (on AWS an event source filtered to their inserts), each written
 * 8 invoices at a time, then counted into the job's progress once.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { makeImportChunk } from '../../shared/app/aggregates/import-invoices.js';
import { unpackChunk } from '../../shared/adapters/dynamo/dynamo-import-jobs.js';
import { IMPORT_CHUNK_PREFIX } from '../../shared/adapters/dynamo/keys.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

import { importJobs } from '../../shared/wiring-imports.js';
import { metrics } from '../../shared/wiring-telemetry.js';
const importChunk = makeImportChunk({ invoices: invoiceRepository(), clients: wiring.clients(), settings: wiring.settings(), clock: wiring.clock, jobs: importJobs(), metrics: metrics() });

export const handler = async (event: DynamoDBStreamEvent) => {
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
    if (item.entityType !== 'import_chunk' || typeof item.SK !== 'string' || !item.SK.startsWith(IMPORT_CHUNK_PREFIX)) continue;
    await importChunk(unpackChunk(item));
  }
};
