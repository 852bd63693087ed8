import { BatchWriteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { ImportChunk, ImportJob, ImportJobStore } from '../../app/ports.js';
import { importChunkKey, importJobKey } from './keys.js';
import { stripKeys, transactWrite } from './transactions.js';

/** Jobs and their chunks expire 30 days after the import: the invoices stay, the job's report goes. */
const TTL_SECONDS = 30 * 24 * 3600;
/** A job keeps its first errors; a 400 KB item holds far more than a person reads. */
export const MAX_STORED_ERRORS = 1000;

export class DynamoImportJobStore implements ImportJobStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async start(tenantId: string, job: ImportJob, chunks: readonly ImportChunk[]): Promise<void> {
    const expiresAt = Math.floor(Date.parse(job.createdAt) / 1000) + TTL_SECONDS;
    // The job first: a chunk's worker updates it.
    const items = [
      { ...importJobKey(tenantId, job.id), entityType: 'import_job', ...job, errors: job.errors.slice(0, MAX_STORED_ERRORS), expiresAt },
      ...chunks.map((c) => ({ ...importChunkKey(tenantId, job.id, c.index), entityType: 'import_chunk', ...c, expiresAt })),
    ];
    for (let i = 0; i < items.length; i += 25) {
      let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 8) throw new Error(`import ${job.id}: chunks not written after ${attempt} attempts`);
        const res = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (res.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
        if (pending.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }

  async get(tenantId: string, jobId: string): Promise<ImportJob | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: importJobKey(tenantId, jobId), ConsistentRead: true }));
    return Item ? stripKeys<ImportJob>(Item) : undefined;
  }

  async completeChunk(chunk: Pick<ImportChunk, 'tenantId' | 'jobId' | 'index'>, rows: number, at: string): Promise<void> {
    const jobKey = importJobKey(chunk.tenantId, chunk.jobId);
    const result = await transactWrite(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: importChunkKey(chunk.tenantId, chunk.jobId, chunk.index),
          UpdateExpression: 'SET done = :true',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(done)',
          ExpressionAttributeValues: { ':true': true },
        },
      },
      { Update: { TableName: this.tableName, Key: jobKey, UpdateExpression: 'ADD #processed :n', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeNames: { '#processed': 'processed' }, ExpressionAttributeValues: { ':n': rows } } },
    ]);
    if (!result.ok) return; // counted by an earlier delivery
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey,
          UpdateExpression: 'SET #status = :done, finishedAt = :at',
          ConditionExpression: '#status = :running AND #processed >= #total',
          ExpressionAttributeNames: { '#status': 'status', '#total': 'total', '#processed': 'processed' },
          ExpressionAttributeValues: { ':done': 'done', ':running': 'running', ':at': at },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error; // chunks still to come
    }
  }
}
