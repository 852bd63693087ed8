import { describe, expect, it } from 'vitest';
import { freshTenant } from './fresh-tenant.js';

/**
 * The same file sent several times at once (a double click on « Importer », a retry while the first
 * request still runs): each invoice is written once, and each answer says what it did. A row another
 * upload wrote meanwhile is `exists`, never `create` with nothing created: an answer read
 * `created: 0, existing: 22` with 28 rows still saying `create` and no error, 28 rows unaccounted for.
 */
const ROWS = 50;
const csv = ['N° facture;Client;E-mail;Date facture;Échéance;TTC;Déjà réglé']
  .concat(Array.from({ length: ROWS }, (_, k) => `R-${k + 1};Client ${k % 7};c${k % 7}@race.test;01/10/2026;31/10/2026;${100 + k},00;${k % 5 === 0 ? `${100 + k},00` : k % 5 === 1 ? '10,00' : '0'}`))
  .join('\n');

describe('one file uploaded several times at once', () => {
  it('writes each invoice once, and each answer accounts for every row', async () => {
    const t = await freshTenant('import-race');
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.call('POST', '/imports/invoices', csv, { 'content-type': 'text/csv' })));
    for (const a of answers) {
      expect(a.status).toBe(200);
      const { rows, created, existing, items, errors } = a.json as { rows: number; created: number; existing: number; items: { action: string }[]; errors: unknown[] };
      expect(errors).toEqual([]);
      expect([created, existing]).toEqual([items.filter((i) => i.action === 'create').length, items.filter((i) => i.action === 'exists').length]);
      expect(created + existing).toBe(rows);
    }
    expect(answers.reduce((n, a) => n + a.json.created, 0)).toBeGreaterThanOrEqual(ROWS);
    const list = await t.get('/invoices?limit=100');
    expect(list.json.items.length).toBe(ROWS);
    expect(new Set(list.json.items.map((i: { number: string }) => i.number)).size).toBe(ROWS);
  }, 60_000);
});
