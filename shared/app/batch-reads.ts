/**
 * Tenant documents read once per stream batch. A stream consumer handles up to a hundred records
 * at a time, most of one tenant: without this each invoice of the batch read the same settings
 * and scenarios again (two GetItem per invoice per run). A change of settings or of a scenario
 * is itself a stream record, read after its write: a batch never sees settings older than the
 * records it handles.
 */
import type { SettingsRepository } from './ports/settings.js';
import type { TenantDocuments } from './ports/reminders.js';
import type { ClientRepository } from './ports/clients.js';
import type { Client } from '../domain/client.js';

const cached = <T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> => {
  let value = cache.get(key);
  if (!value) {
    value = read();
    // A failed read is not kept: the next invoice of the batch tries again.
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
};

export const batchSettings = (settings: SettingsRepository): SettingsRepository => {
  const cache = new Map<string, Promise<Awaited<ReturnType<SettingsRepository['get']>>>>();
  return {
    get: (tenantId) => cached(cache, tenantId, () => settings.get(tenantId)),
    put: (tenantId, value) => (cache.delete(tenantId), settings.put(tenantId, value)),
  };
};

export const batchDocuments = <T extends { id: string }>(documents: TenantDocuments<T>): TenantDocuments<T> => {
  const one = new Map<string, Promise<T | undefined>>();
  const all = new Map<string, Promise<T[]>>();
  return {
    get: (tenantId, id) => cached(one, `${tenantId}\u0000${id}`, () => documents.get(tenantId, id)),
    list: (tenantId) => cached(all, tenantId, () => documents.list(tenantId)),
    put: (tenantId, doc) => (one.clear(), all.clear(), documents.put(tenantId, doc)),
    delete: (tenantId, id) => (one.clear(), all.clear(), documents.delete(tenantId, id)),
  };
};

/**
 * A client read once per batch (its name, scenario, opt-out, last message). A write to it through
 * this wrapper forgets what was read; a change made elsewhere during the batch is one more stream
 * record, handled by the next batch, exactly as a read made a moment earlier would be.
 */
export const batchClients = (clients: ClientRepository): ClientRepository => {
  const cache = new Map<string, Promise<Client | undefined>>();
  return {
    get: (tenantId, id) => cached(cache, `${tenantId}\u0000${id}`, () => clients.get(tenantId, id)),
    create: (tenantId, client) => (cache.clear(), clients.create(tenantId, client)),
    replace: (tenantId, client, expectedUpdatedAt) => (cache.clear(), clients.replace(tenantId, client, expectedUpdatedAt)),
    list: (tenantId, page) => clients.list(tenantId, page),
    recordMessage: (tenantId, clientId, at) => (cache.clear(), clients.recordMessage(tenantId, clientId, at)),
  };
};
