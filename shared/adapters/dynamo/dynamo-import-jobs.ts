import { BatchWriteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { ImportChunk, ImportJob, ImportJobItem, ImportJobStore, ImportJobWithItems, ImportRowItem } from '../../app/ports.js';
import { SKIPPED_BEFORE, SKIPPED_MEANWHILE } from '../../app/ports/imports.js';
import { IMPORT_CHUNK_PREFIX, IMPORT_EXISTING_PREFIX, importChunkKey, importExistingKey, importJobKey, importJobPk } from './keys.js';
import { queryAll } from './queries.js';
import { stripKeys, transactWrite } from './transactions.js';

/** Jobs and their chunks expire 30 days after the import: the invoices stay, the job's report goes. */
const TTL_SECONDS = 30 * 24 * 3600;
/** A job keeps its first errors; a 400 KB item holds far more than a person reads. */
export const MAX_STORED_ERRORS = 1000;
/** Rows imported before, kept for the job's per-row outcome: 500 an item (a 5,000-row file, 10 small items). */
const EXISTING_PER_ITEM = 500;

/** What a chunk item packs (gzip, base64): its rows, the new clients they name, the rows' items. */
type PackedChunk = Pick<ImportChunk, 'rows' | 'clients' | 'items'>;

/**
 * A chunk as stored: its rows, clients and items in one `packed` string (JSON, gzip, base64), about 7 KB
 * for 100 rows where the same as DynamoDB maps and lists took 35 KB. 5,000 rows as maps were 1.75 MB
 * written in the request (4.3 s of its 6.9 s at load average 11 on DynamoDB Local), and each stream
 * consumer read them back twice (the insert, then the update marking the chunk done).
 */
export const packChunk = (chunk: ImportChunk): Record<string, unknown> => {
  const { rows, clients, items, ...rest } = chunk;
  const packed: PackedChunk = { rows, ...(clients ? { clients } : {}), ...(items ? { items } : {}) };
  return { ...rest, packed: gzipSync(JSON.stringify(packed)).toString('base64') };
};

/** A chunk item read back (the table, a stream image): packed, or with its lists as attributes (written before packing). */
export const unpackChunk = (item: Record<string, unknown>): ImportChunk => {
  const { packed, ...rest } = stripKeys<Record<string, unknown>>(item);
  if (typeof packed !== 'string') return rest as unknown as ImportChunk;
  return { ...rest, ...(JSON.parse(gunzipSync(Buffer.from(packed, 'base64')).toString('utf8')) as PackedChunk) } as unknown as ImportChunk;
};

export class DynamoImportJobStore implements ImportJobStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async start(tenantId: string, job: ImportJob, chunks: readonly ImportChunk[], existing: readonly ImportRowItem[] = []): Promise<void> {
    const expiresAt = Math.floor(Date.parse(job.createdAt) / 1000) + TTL_SECONDS;
    const kept: ImportRowItem[][] = [];
    for (let i = 0; i < existing.length; i += EXISTING_PER_ITEM) kept.push(existing.slice(i, i + EXISTING_PER_ITEM));
    // The job first: a chunk's worker updates it. The rows imported before are no chunk: no worker reads them.
    const items = [
      { ...importJobKey(tenantId, job.id), entityType: 'import_job', ...job, errors: job.errors.slice(0, MAX_STORED_ERRORS), expiresAt },
      ...kept.map((rows, index) => ({ ...importExistingKey(tenantId, job.id, index), entityType: 'import_existing', rows, expiresAt })),
      ...chunks.map((c) => ({ ...importChunkKey(tenantId, job.id, c.index), entityType: 'import_chunk', ...packChunk(c), expiresAt })),
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

  /**
   * The job and each row to import with its outcome: one Query of the job's partition (the job, its
   * chunks, the rows imported before). A chunk not written yet: its rows `pending`; written: each row
   * `created`, or `skipped` when another upload of it wrote it meanwhile; a row imported before the
   * upload, `skipped`. Chunks written before chunks kept their items list none.
   */
  async get(tenantId: string, jobId: string): Promise<ImportJobWithItems | undefined> {
    const parts = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': importJobPk(tenantId, jobId) },
      ConsistentRead: true,
    }, (item) => item);
    const jobItem = parts.find((p) => p.SK === importJobKey(tenantId, jobId).SK);
    if (!jobItem) return undefined;
    const items: ImportJobItem[] = [];
    for (const part of parts) {
      const sk = String(part.SK);
      if (sk.startsWith(IMPORT_EXISTING_PREFIX)) {
        for (const row of (part.rows ?? []) as ImportRowItem[]) items.push({ ...row, outcome: 'skipped', reason: SKIPPED_BEFORE });
      } else if (sk.startsWith(IMPORT_CHUNK_PREFIX)) {
        const created = new Set((part.created ?? []) as number[]);
        // A chunk counted before outcomes were kept: its rows were written.
        const counted = part.done === true && !Array.isArray(part.created);
        for (const row of (unpackChunk(part).items ?? []) as ImportRowItem[]) {
          items.push(
            part.done !== true ? { ...row, outcome: 'pending' }
            : counted || created.has(row.row) ? { ...row, outcome: 'created' }
            : { ...row, outcome: 'skipped', reason: SKIPPED_MEANWHILE },
          );
        }
      }
    }
    items.sort((a, b) => a.row - b.row);
    return { ...stripKeys<ImportJob>(jobItem), items };
  }

  /** The job item alone (one consistent GetItem): not its chunks and their rows. */
  async progress(tenantId: string, jobId: string): Promise<ImportJob | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: importJobKey(tenantId, jobId), ConsistentRead: true }));
    return Item ? stripKeys<ImportJob>(Item) : undefined;
  }

  async completeChunk(chunk: Pick<ImportChunk, 'tenantId' | 'jobId' | 'index'>, rows: number, at: string, created?: readonly number[]): Promise<void> {
    const jobKey = importJobKey(chunk.tenantId, chunk.jobId);
    const result = await transactWrite(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: importChunkKey(chunk.tenantId, chunk.jobId, chunk.index),
          // With the rows it wrote: the others were written by another upload meanwhile (the job's per-row outcome).
          UpdateExpression: created ? 'SET done = :true, created = :created' : 'SET done = :true',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(done)',
          ExpressionAttributeValues: { ':true': true, ...(created ? { ':created': [...created] } : {}) },
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
