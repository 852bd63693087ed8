import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BusinessRuleError, ConflictError } from '../../app/errors.js';
import type { Clock, IdempotencyStore } from '../../app/ports.js';
import { idempotencyKey } from './keys.js';

const TTL_SECONDS = 24 * 3600;
/** An in-flight claim older than this is considered abandoned (Lambda timeout) and can be retaken. */
const IN_FLIGHT_SECONDS = 120;

type StoredResponse = { statusCode: number; body?: string; headers?: Record<string, string> };
/**
 * A body above this many characters is stored gzipped (base64, `bodyGzip`): a 5,000-row import answers 1.1 MB
 * of JSON, far over DynamoDB's 400 KB item, and its record could not be completed (a retry with the key got
 * 409 until the claim went stale); gzipped, about 150 KB.
 */
const GZIP_FROM = 32 * 1024;

const packed = ({ body, ...rest }: StoredResponse): StoredResponse & { bodyGzip?: string } =>
  body !== undefined && body.length > GZIP_FROM ? { ...rest, bodyGzip: gzipSync(body).toString('base64') } : { ...rest, ...(body !== undefined ? { body } : {}) };

export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async begin(tenantId: string, key: string, fingerprint: string): Promise<StoredResponse | undefined> {
    const nowS = Math.floor(this.clock.now().getTime() / 1000);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...idempotencyKey(tenantId, key), entityType: 'idempotency', fingerprint, state: 'in_flight', startedAt: nowS, expiresAt: nowS + TTL_SECONDS },
          // TTL deletion is lazy: an expired record still reads, so treat it as absent.
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now OR (#state = :inflight AND startedAt < :stale AND fingerprint = :fp)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':now': nowS, ':inflight': 'in_flight', ':stale': nowS - IN_FLIGHT_SECONDS, ':fp': fingerprint },
        }),
      );
      return undefined;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: idempotencyKey(tenantId, key), ConsistentRead: true }));
    if (!Item) throw new ConflictError('Idempotency-Key is being processed; retry');
    if (Item.fingerprint !== fingerprint) {
      throw new BusinessRuleError('idempotency-key-reused', 'This Idempotency-Key was already used with a different request', [
        { path: 'headers.idempotency-key', message: 'was already used with a different request' },
      ]);
    }
    if (Item.state !== 'done') throw new ConflictError('A request with this Idempotency-Key is still in progress; retry later');
    const { bodyGzip, ...stored } = Item.response as StoredResponse & { bodyGzip?: string };
    return bodyGzip === undefined ? stored : { ...stored, body: gunzipSync(Buffer.from(bodyGzip, 'base64')).toString('utf8') };
  }

  async complete(tenantId: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: idempotencyKey(tenantId, key),
        UpdateExpression: 'SET #state = :done, #response = :response',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':done': 'done', ':response': packed(response) },
      }),
    );
  }

  async release(tenantId: string, key: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: idempotencyKey(tenantId, key) }));
  }
}
