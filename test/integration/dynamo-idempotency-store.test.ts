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

  it('replays a large answer whole (a 5,000-row import, 1.2 MB: over DynamoDB\'s 400 KB item, stored gzipped)', async () => {
    const tenant = freshTenant('idem');
    const items = Array.from({ length: 5000 }, (_, i) => ({ row: i + 2, number: `IMP-${String(i + 1).padStart(5, '0')}`, action: 'create', clientId: `imp-cli-${(i % 500).toString(36).padStart(22, 'x')}`, newClient: i < 500, clientKind: 'business', status: 'sent', issueDate: '2026-10-01', dueDate: '2026-10-31', grossCents: 12_000 + i * 7, paidCents: 0 }));
    const large = { statusCode: 202, body: JSON.stringify({ status: 'running', items, errors: [] }), headers: { 'content-type': 'application/json', location: '/imports/x' } };
    expect(large.body.length).toBeGreaterThan(1_000_000);
    expect(await store.begin(tenant, 'big', 'fp')).toBeUndefined();
    await store.complete(tenant, 'big', large);
    expect(await store.begin(tenant, 'big', 'fp')).toEqual(large);
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
