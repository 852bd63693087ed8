import { describe, expect, it } from 'vitest';
import { companySettings, freshTenant } from './fresh-tenant.js';

/**
 * `GET /imports/{id}` says what became of each row, as the dry run and the POST answer list them:
 * each row to import with its outcome (`created`, or `skipped` with the reason: imported before),
 * the rows in error in `errors` ({ row, field, message }), in file order.
 */
const ROWS = 230;
const line = (i: number) => `R-${String(i).padStart(4, '0')};Client ${i % 5};client-${i % 5}@rows.test;professionnel;01/10/2025;31/10/2025;${i},50;${i % 10 === 0 ? '1,00' : `${i},50`}`;
const HEADER = 'N° facture;Client;E-mail;Type;Date facture;Échéance;Montant TTC;Déjà réglé';

describe('GET /imports/{id}: each row’s outcome', () => {
  it('lists every row to import, created or skipped with its reason, consistent with the dry run and the POST answer', async () => {
    const t = await freshTenant('import-rows');
    await t.ok('PUT', '/settings', companySettings);
    // 20 of the rows imported before (a first, smaller upload): left as they are.
    const first = await t.call('POST', '/imports/invoices', [HEADER, ...Array.from({ length: 20 }, (_, i) => line(i + 1))].join('\r\n'), { 'content-type': 'text/csv' });
    expect(first.status).toBe(200);
    await t.drain();

    const csv = [HEADER, ...Array.from({ length: ROWS }, (_, i) => line(i + 1)), 'R-BAD;Client 0;client-0@rows.test;;32/10/2025;31/10/2025;10,00;'].join('\r\n');
    const dry = (await t.call('POST', '/imports/invoices?dryRun=true', csv, { 'content-type': 'text/csv' })).json;
    const res = await t.call('POST', '/imports/invoices', csv, { 'content-type': 'text/csv' });
    expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(202);
    await t.drain();

    const job = (await t.get(`/imports/${res.json.id}`)).json;
    expect(job.status).toBe('done');
    expect(job.items).toHaveLength(ROWS);
    // The same rows, numbers, actions and statuses as the dry run and the POST answer said.
    const said = (items: { row: number; number: string; action: string; status: string }[]) => items.map((i) => [i.row, i.number, i.action, i.status]);
    expect(said(job.items)).toEqual(said(dry.items));
    expect(said(job.items)).toEqual(said(res.json.items));
    expect(job.items.map((i: { row: number }) => i.row)).toEqual([...job.items.map((i: { row: number }) => i.row)].sort((a, b) => a - b));

    const created = job.items.filter((i: { outcome: string }) => i.outcome === 'created');
    const skipped = job.items.filter((i: { outcome: string }) => i.outcome === 'skipped');
    expect(created).toHaveLength(ROWS - 20);
    expect(created.every((i: { action: string }) => i.action === 'create')).toBe(true);
    expect(skipped.map((i: { number: string }) => i.number)).toEqual(Array.from({ length: 20 }, (_, i) => `R-${String(i + 1).padStart(4, '0')}`));
    expect(skipped.every((i: { action: string; reason: string }) => i.action === 'exists' && i.reason === 'was imported before: left as it was')).toBe(true);
    expect(job.errors).toEqual([{ row: ROWS + 2, field: 'issueDate', message: expect.any(String) }]);
    expect(job.errors).toEqual(dry.errors);
  });

  it('answers the progress without the rows with ?items=false (a poll read every row each second: ~750 KB at 5,000 rows)', async () => {
    const t = await freshTenant('import-progress');
    await t.ok('PUT', '/settings', companySettings);
    const csv = [HEADER, ...Array.from({ length: ROWS }, (_, i) => line(i + 1)), 'R-BAD;Client 0;client-0@rows.test;;32/10/2025;31/10/2025;10,00;'].join('\r\n');
    const res = await t.call('POST', '/imports/invoices', csv, { 'content-type': 'text/csv' });
    expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(202);
    const polled = await t.get(`/imports/${res.json.id}?items=false`);
    expect(polled.status, JSON.stringify(polled.json).slice(0, 300)).toBe(200);
    expect(polled.json).toMatchObject({ id: res.json.id, total: ROWS, items: [], itemsOmitted: true });
    expect(['running', 'done']).toContain(polled.json.status);
    await t.drain();

    const [light, full] = await Promise.all([t.get(`/imports/${res.json.id}?items=false`), t.get(`/imports/${res.json.id}`)]);
    const { items: _none, itemsOmitted, ...progress } = light.json;
    const { items, ...job } = full.json;
    expect(itemsOmitted).toBe(true);
    expect(progress).toEqual(job);
    expect(job).toMatchObject({ status: 'done', processed: ROWS, errors: [{ row: ROWS + 2, field: 'issueDate', message: expect.any(String) }] });
    expect(items).toHaveLength(ROWS);
    expect(full.json.itemsOmitted).toBeUndefined();
    expect(JSON.stringify(light.json).length * 20).toBeLessThan(JSON.stringify(full.json).length);
    expect((await t.get(`/imports/${res.json.id}?items=true`)).json.items).toHaveLength(ROWS);
    const bad = await t.get(`/imports/${res.json.id}?items=no`);
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['query.items']);
  });
});
