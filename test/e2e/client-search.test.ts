import { beforeAll, describe, expect, it } from 'vitest';
import { aBusinessClientInput } from '../fixtures/api-fixtures.js';
import { freshTenant, type FreshTenant } from './fresh-tenant.js';

/** `GET /clients?q=` reads a query of several words as the follow-up list does: each word starts a word of the name. */
let t: FreshTenant;
beforeAll(async () => {
  t = await freshTenant('client-search');
  for (const [name, email] of [['Boulangerie Dupré SARL', 'compta@dupre.test'], ['Jérôme Dupont', 'jerome@dupont.test'], ['Zoé Durand', 'zoe@durand.test']]) {
    await t.ok('POST', '/clients', aBusinessClientInput({ name, email, siren: undefined }));
  }
});

const names = async (q: string) => (await t.ok('GET', `/clients?q=${encodeURIComponent(q)}&sort=name`)).items.map((c: { name: string }) => c.name);

describe('GET /clients?q= with several words', () => {
  it('finds a client when each word starts a word of its name, in any order, accents and case ignored', async () => {
    expect(await names('dupré sarl')).toEqual(['Boulangerie Dupré SARL']);
    expect(await names('SARL boul')).toEqual(['Boulangerie Dupré SARL']);
    expect(await names('durand zo')).toEqual(['Zoé Durand']);
    expect(await names('jerome dup')).toEqual(['Jérôme Dupont']);
    expect(await names('dup')).toEqual(['Boulangerie Dupré SARL', 'Jérôme Dupont']);
    expect(await names('dupré dupont')).toEqual([]);
    // The same words find the same client's invoices in the follow-up list (shared/domain/search.ts).
    expect(await names('zoé')).toEqual(['Zoé Durand']);
  });
});

describe('a search with no letter nor digit', () => {
  it('is a 400 naming query.q on the clients, the follow-up list and the export, rather than the whole list', async () => {
    for (const route of ['/clients', '/invoices', '/invoices/export.csv']) {
      for (const q of ['%', '😀', '--', ' . ']) {
        const res = await t.call('GET', `${route}?q=${encodeURIComponent(q)}`);
        expect([res.status, res.type, res.json?.errors], `${route} ${q}`).toEqual([400, expect.stringContaining('application/problem+json'), [{ path: 'query.q', message: 'must contain a letter or a digit' }]]);
      }
    }
    expect((await t.ok('GET', `/clients?q=${encodeURIComponent('Zoé!')}`)).items.map((c: { name: string }) => c.name)).toEqual(['Zoé Durand']);
  });
});
