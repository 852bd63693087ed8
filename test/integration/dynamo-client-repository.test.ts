import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { ConflictError } from '../../shared/app/errors.js';
import type { Client } from '../../shared/domain/client.js';
import { freshTenant, localTable } from './dynamo-table.js';

const { db, tableName } = localTable();
const clients = new DynamoClientRepository(db, tableName);
const at = '2026-03-02T09:00:00.000Z';

const aClient = (overrides: Partial<Client> = {}): Client => ({
  id: ulid(), name: 'Boulangerie Dupont', kind: 'business', email: 'compta@dupont.test', ccEmails: [], language: 'fr',
  remindersEnabled: true, emailStatus: 'ok', createdAt: at, updatedAt: at, ...overrides,
});

describe('DynamoClientRepository against DynamoDB Local', () => {
  it('creates, reads back and refuses a second create of the same id', async () => {
    const tenant = freshTenant('clients');
    const client = aClient();
    await clients.create(tenant, client);
    expect(await clients.get(tenant, client.id)).toMatchObject(client);
    await expect(clients.create(tenant, client)).rejects.toBeInstanceOf(ConflictError);
    expect(await clients.get(freshTenant('other'), client.id)).toBeUndefined();
  });

  it('replaces only from the state it read (updatedAt), ConflictError otherwise', async () => {
    const tenant = freshTenant('clients');
    const client = aClient();
    await clients.create(tenant, client);
    await clients.replace(tenant, { ...client, name: 'Renamed', updatedAt: '2026-03-03T00:00:00.000Z' }, client.updatedAt);
    await expect(clients.replace(tenant, { ...client, name: 'Stale' }, client.updatedAt)).rejects.toBeInstanceOf(ConflictError);
    expect((await clients.get(tenant, client.id))?.name).toBe('Renamed');
  });

  it('records the last message to a client without touching updatedAt', async () => {
    const tenant = freshTenant('clients');
    const client = aClient();
    await clients.create(tenant, client);
    await clients.recordMessage(tenant, client.id, '2026-03-05T09:00:00.000Z');
    expect(await clients.get(tenant, client.id)).toMatchObject({ lastMessageAt: '2026-03-05T09:00:00.000Z', updatedAt: at });
  });

  it('lists only the tenant’s clients, page by page, without settings or other items of the partition', async () => {
    const tenant = freshTenant('clients');
    const ids = [aClient(), aClient(), aClient()];
    for (const c of ids) await clients.create(tenant, c);
    const first = await clients.list(tenant, { limit: 2 });
    const second = await clients.list(tenant, { limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((c) => c.id).sort()).toEqual(ids.map((c) => c.id).sort());
    expect(second.nextCursor).toBeUndefined();
  });
});
