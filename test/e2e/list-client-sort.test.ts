import { beforeAll, describe, expect, it } from 'vitest';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * `GET /invoices?sort=client` orders client names as a French reader does: a ligature spelt out
 * (`Œuvres` among the O, `Æsthetic` among the A), accents and case ignored, never after the Z.
 */
let t: FreshTenant;
const names = ['SCI Les Tilleuls', "Œuvres d'Art Müller", 'Garage Zénith', 'Æsthetic Studio', 'Zoé Martin', 'Éloïse Château'];

beforeAll(async () => {
  t = await freshTenant('client-sort');
  await t.ok('PUT', '/settings', companySettings);
  const invoices = names.map((name, i) => ({ number: `CS-${i + 1}`, client: { name, email: `c${i}@sort.test`, kind: 'business' }, issueDate: '2026-10-01', dueDate: '2026-10-31', grossCents: 10_000 + i }));
  expect((await t.ok('POST', '/imports/invoices', { invoices })).created).toBe(names.length);
  await t.drain();
}, 120_000);

describe('GET /invoices?sort=client', () => {
  it('puts a name starting with a ligature where it is read (Œ as OE, Æ as AE)', async () => {
    const expected = ['Æsthetic Studio', 'Éloïse Château', 'Garage Zénith', "Œuvres d'Art Müller", 'SCI Les Tilleuls', 'Zoé Martin'];
    for (const query of ['sort=client', 'sort=client&status=sent']) {
      expect((await t.get(`/invoices?${query}&limit=100`)).json.items.map((i: { clientName: string }) => i.clientName), query).toEqual(expected);
      expect((await t.get(`/invoices?${query}&order=desc&limit=100`)).json.items.map((i: { clientName: string }) => i.clientName), query).toEqual([...expected].reverse());
    }
  });
});
