import { describe, expect, it, inject } from 'vitest';
import { DynamoImportJobStore } from '../../shared/adapters/dynamo/dynamo-import-jobs.js';
import { localTable } from '../integration/dynamo-table.js';
import { companySettings, freshTenant } from './fresh-tenant.js';

/**
 * More invoices than the request writes itself (SYNC_IMPORT_LIMIT = 200): a job writes them in
 * chunks of 100. All but one in ten are paid in full: open ones get reminder schedules, which
 * every later run of the shared Scheduler emulator would fire.
 */
const ROWS = 250;
const csvOf = (rows: number) =>
  [
    'N° facture;Client;E-mail;Type;Date facture;Échéance;Montant TTC;Déjà réglé',
    ...Array.from({ length: rows }, (_, i) => `J-${String(i + 1).padStart(4, '0')};Client ${i % 7};client-${i % 7}@job.test;professionnel;01/10/2025;31/10/2025;${i + 1},50;${i % 10 === 0 ? '1,00' : `${i + 1},50`}`),
    'J-BAD;Client 0;client-0@job.test;;32/10/2025;31/10/2025;10,00;',
  ].join('\r\n');

describe('a large import runs as a job (GET /imports/{id})', () => {
  it('answers 202 with the job, writes every invoice from the stream, counts each chunk once, and changes nothing when uploaded again', async () => {
    const t = await freshTenant('import-job');
    await t.ok('PUT', '/settings', companySettings);
    const upload = () => t.call('POST', '/imports/invoices', csvOf(ROWS), { 'content-type': 'text/csv' });

    const res = await upload();
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    expect(res.headers?.get('location')).toBe(`/imports/${res.json.id}`);
    expect(res.json).toMatchObject({ status: 'running', dryRun: false, rows: ROWS + 1, created: 0, existing: 0, clientsCreated: 7 });
    expect(res.json.errors).toEqual([{ row: ROWS + 2, field: 'issueDate', message: expect.any(String) }]);

    await t.drain();
    const job = (await t.get(`/imports/${res.json.id}`)).json;
    expect(job).toMatchObject({ id: res.json.id, status: 'done', rows: ROWS + 1, total: ROWS, processed: ROWS, existing: 0, clientsCreated: 7, errorsTruncated: false });
    expect(job.finishedAt).toEqual(expect.any(String));

    const numbers: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await t.get(`/invoices?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json;
      numbers.push(...page.items.map((i: { number: string }) => i.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(numbers.length).toBe(ROWS);
    expect(new Set(numbers).size).toBe(ROWS);
    const partly = (await t.get('/invoices?status=partially_paid&limit=100')).json.items;
    expect(partly.length).toBe(25);
    const paid = (await t.get('/invoices?status=paid&limit=100')).json;
    expect(paid.items.length).toBe(100);
    expect(paid.nextCursor).toEqual(expect.any(String));

    // A chunk delivered again (a stream retry) adds nothing to the progress.
    const { db, tableName } = localTable();
    await new DynamoImportJobStore(db, tableName).completeChunk({ tenantId: t.tenantId, jobId: res.json.id, index: 0 }, 100, new Date().toISOString());
    expect((await t.get(`/imports/${res.json.id}`)).json.processed).toBe(ROWS);

    // Another tenant cannot see the job; an unknown id is 404 too.
    const other = await freshTenant('import-job-other');
    expect((await other.get(`/imports/${res.json.id}`)).status).toBe(404);
    expect((await t.get('/imports/01JUNKNOWN0000000000000000')).status).toBe(404);

    const again = await upload();
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: 'done', created: 0, existing: ROWS, clientsCreated: 0 });
  });
});
