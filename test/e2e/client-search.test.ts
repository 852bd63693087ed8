import { beforeAll, describe, expect, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

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

describe('GET /clients?q= with a SIREN or a SIRET', () => {
  it('finds the client by its SIREN typed in part, or by one of its SIRETs (SIREN + 5 digits), spaces ignored', async () => {
    const u = await freshTenant('client-search-siret');
    await u.ok('POST', '/clients', aBusinessClientInput({ name: 'Garage Siret', email: 'siret@garage.test', siren: '552100554' }));
    const found = async (q: string) => (await u.ok('GET', `/clients?q=${encodeURIComponent(q)}`)).items.map((c: { name: string }) => c.name);
    for (const q of ['552 100', '552100554', '552 100 554 00013', '55210055400013']) expect(await found(q), q).toEqual(['Garage Siret']);
    expect(await found('55210055500013')).toEqual([]);
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

describe('GET /clients?q= and GET /invoices?q= with punctuation in the name', () => {
  it('ignore apostrophes, hyphens and dots as they ignore accents: obrien finds O’Brien, saint etienne and saintetienne Saint-Étienne', async () => {
    const u = await freshTenant('client-search-punct');
    await u.ok('PUT', '/settings', companySettings);
    const ids: string[] = [];
    for (const [name, email] of [["Pub O'Brien", 'pub@obrien.test'], ['Garage Saint-Étienne', 'garage@se.test'], ['Conseil S.A.R.L.', 'c@sarl.test']]) {
      ids.push((await u.ok('POST', '/clients', aBusinessClientInput({ name, email, siren: undefined }))).id);
    }
    for (const clientId of ids) await u.ok('POST', `/invoices/${(await u.ok('POST', '/invoices', anInvoiceInput(clientId))).id}/send`);
    await u.drain();
    const found = async (q: string) => (await u.ok('GET', `/clients?q=${encodeURIComponent(q)}`)).items.map((c: { name: string }) => c.name);
    const invoiced = async (q: string) => (await u.ok('GET', `/invoices?q=${encodeURIComponent(q)}`)).items.map((i: { clientName: string }) => i.clientName);
    for (const [q, name] of [['obrien', "Pub O'Brien"], ['pub obrien', "Pub O'Brien"], ["o'brien", "Pub O'Brien"], ['O’Brien', "Pub O'Brien"], ['saint etienne', 'Garage Saint-Étienne'], ['saintetienne', 'Garage Saint-Étienne'], ['saint-étienne', 'Garage Saint-Étienne'], ['sarl', 'Conseil S.A.R.L.'], ['s.a.r.l', 'Conseil S.A.R.L.']] as const) {
      expect(await found(q), q).toEqual([name]);
      expect(await invoiced(q), `invoices ${q}`).toEqual([name]);
    }
  });
});

describe('GET /clients?q= with a SIRET typed in part', () => {
  it('finds the client by its SIREN and the start of a NIC (10 to 13 digits), not another SIREN', async () => {
    const u = await freshTenant('client-search-nic');
    await u.ok('POST', '/clients', aBusinessClientInput({ name: 'Garage Nic', email: 'nic@garage.test', siren: '552100554' }));
    const found = async (q: string) => (await u.ok('GET', `/clients?q=${encodeURIComponent(q)}`)).items.map((c: { name: string }) => c.name);
    for (const q of ['5521005540', '552 100 554 0', '552100554000', '5521005540001']) expect(await found(q), q).toEqual(['Garage Nic']);
    for (const q of ['5521005550', '552100554000130']) expect(await found(q), q).toEqual([]);
  });
});
