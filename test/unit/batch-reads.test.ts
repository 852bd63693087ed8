import { describe, expect, it } from 'vitest';
import { batchClients, batchDocuments, batchSettings } from '../../shared/app/batch-reads.js';
import type { ClientRepository } from '../../shared/app/ports/clients.js';
import type { SettingsRepository } from '../../shared/app/ports/settings.js';
import type { TenantDocuments } from '../../shared/app/ports/reminders.js';

const counting = () => {
  const reads: string[] = [];
  let fail = false;
  const settings = {
    get: async (tenantId: string) => {
      reads.push(`settings:${tenantId}`);
      if (fail) throw new Error('throttled');
      return { timezone: 'Europe/Paris', tenant: tenantId } as never;
    },
    put: async () => undefined,
  } satisfies SettingsRepository;
  const docs: TenantDocuments<{ id: string }> = {
    get: async (tenantId, id) => (reads.push(`doc:${tenantId}/${id}`), id === 'missing' ? undefined : { id }),
    list: async (tenantId) => (reads.push(`list:${tenantId}`), [{ id: 'a' }]),
    put: async () => undefined,
    delete: async () => true,
  };
  return { reads, settings, docs, failNext: (v: boolean) => (fail = v) };
};

describe('reads shared by one stream batch', () => {
  it('read each tenant’s settings and each document once, misses included', async () => {
    const { reads, settings, docs } = counting();
    const s = batchSettings(settings);
    const d = batchDocuments(docs);
    await Promise.all([s.get('t1'), s.get('t1'), s.get('t2')]);
    await s.get('t1');
    await Promise.all([d.get('t1', 'b2b'), d.get('t1', 'b2b'), d.get('t1', 'missing'), d.get('t1', 'missing'), d.list('t1'), d.list('t1')]);
    expect(reads.sort()).toEqual(['doc:t1/b2b', 'doc:t1/missing', 'list:t1', 'settings:t1', 'settings:t2']);
  });

  it('do not keep a failed read, and forget what they write', async () => {
    const { reads, settings, docs, failNext } = counting();
    const s = batchSettings(settings);
    failNext(true);
    await expect(s.get('t1')).rejects.toThrow('throttled');
    failNext(false);
    await expect(s.get('t1')).resolves.toMatchObject({ tenant: 't1' });
    const d = batchDocuments(docs);
    await d.get('t1', 'x');
    await d.put('t1', { id: 'x' });
    await d.get('t1', 'x');
    expect(reads).toEqual(['settings:t1', 'settings:t1', 'doc:t1/x', 'doc:t1/x']);
  });

  it('read a client once, and again after writing it through the batch', async () => {
    const reads: string[] = [];
    const repo = {
      get: async (tenantId: string, id: string) => (reads.push(`${tenantId}/${id}`), { id, name: 'Dupont' }),
      recordMessage: async () => undefined,
    } as unknown as ClientRepository;
    const clients = batchClients(repo);
    await Promise.all([clients.get('t1', 'c1'), clients.get('t1', 'c1'), clients.get('t1', 'c2')]);
    await clients.recordMessage('t1', 'c1', '2026-11-25T09:00:00Z');
    await clients.get('t1', 'c1');
    expect(reads).toEqual(['t1/c1', 't1/c2', 't1/c1']);
  });
});
