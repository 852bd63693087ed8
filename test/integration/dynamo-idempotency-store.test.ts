import { describe, expect, it } from 'vitest';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamo/dynamo-idempotency-store.js';
import { BusinessRuleError, ConflictError } from '../../shared/app/errors.js';
import { freshTenant, localTable } from './dynamo-table.js';

const { db, tableName } = localTable();
let now = new Date('2026-03-02T09:00:00.000Z');
const store = new DynamoIdempotencyStore(db, tableName, { now: () => now });
const response = { statusCode: 201, body: '{"id":"x"}', headers: { 'content-type': 'application/json' } };

describe('DynamoIdempotencyStore against DynamoDB Local', () => {
  it('claims a key once, replays the completed response, and refuses the key with another request', async () => {
    const tenant = freshTenant('idem');
    expect(await store.begin(tenant, 'k1', 'fp-a')).toBeUndefined();
    await expect(store.begin(tenant, 'k1', 'fp-a')).rejects.toBeInstanceOf(ConflictError);
    await store.complete(tenant, 'k1', response);
    expect(await store.begin(tenant, 'k1', 'fp-a')).toEqual(response);
    await expect(store.begin(tenant, 'k1', 'fp-b')).rejects.toBeInstanceOf(BusinessRuleError);
    expect(await store.begin(freshTenant('other'), 'k1', 'fp-b')).toBeUndefined();
  });

  it('frees a released key, and retakes one abandoned in flight', async () => {
    const tenant = freshTenant('idem');
    await store.begin(tenant, 'k2', 'fp');
    await store.release(tenant, 'k2');
    expect(await store.begin(tenant, 'k2', 'fp')).toBeUndefined();
    now = new Date(now.getTime() + 10 * 60_000);
    expect(await store.begin(tenant, 'k2', 'fp')).toBeUndefined();
  });
});
