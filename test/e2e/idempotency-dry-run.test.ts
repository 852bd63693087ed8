import { beforeAll, describe, expect, it } from 'vitest';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * A dry run and the real request differ by their query alone (`?dryRun=true`): with the same
 * Idempotency-Key they are two requests, never the replay of the preview in place of the import.
 */
let t: FreshTenant;
beforeAll(async () => {
  t = await freshTenant('idem-dry');
  await t.ok('PUT', '/settings', companySettings);
});

const body = { invoices: [{ number: 'K-1', client: { name: 'Client Clé', email: 'k@cle.test', kind: 'business' }, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 10_000 }] };

describe('Idempotency-Key across a dry run and the real request', () => {
  it('imports for real after a dry run sent with the same key, and only then replays', async () => {
    const key = { 'idempotency-key': 'import-k-1' };
    const dry = await t.call('POST', '/imports/invoices?dryRun=true', body, key);
    expect([dry.status, dry.json.dryRun, dry.json.created]).toEqual([200, true, 1]);
    const real = await t.call('POST', '/imports/invoices', body, key);
    expect(real.status, JSON.stringify(real.json)).toBe(200);
    expect(real.headers.get('idempotent-replayed')).toBeNull();
    expect([real.json.dryRun, real.json.created]).toEqual([false, 1]);
    await t.drain();
    expect((await t.ok('GET', '/invoices')).items.map((i: { number: string }) => i.number)).toEqual(['K-1']);
    const again = await t.call('POST', '/imports/invoices', body, key);
    expect([again.status, again.headers.get('idempotent-replayed'), again.json.created]).toEqual([200, 'true', 1]);
  });
});
