import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';

/**
 * The follow-up list's rows carry the client's name, kept by the aggregates consumer: a row keeps
 * the name it has until the client is renamed, then every row of that client takes the new one
 * (sorted and searched by it), and a reminder in between does not bring the old name back.
 */
describe('renaming a client on the local stack', () => {
  it('moves every row of the client to the new name, in the client sort and the name search', async () => {
    const t = await freshTenant('rename');
    await t.ok('PUT', '/settings', companySettings);
    const garage = await t.ok('POST', '/clients', aBusinessClientInput({ name: 'Garage Martin', email: uniqueEmail('rename') }));
    const other = await t.ok('POST', '/clients', aBusinessClientInput({ name: 'Boulangerie Dupont', email: uniqueEmail('rename') }));
    const send = async (clientId: string) => {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(clientId, { issueDate: parisToday(), dueDate: addDays(parisToday(), 30) }));
      return (await t.ok('POST', `/invoices/${draft.id}/send`)).id as string;
    };
    const ids = [await send(garage.id), await send(garage.id), await send(other.id)];
    await t.drain();
    const rows = async (query: string) => ((await t.ok('GET', `/invoices?${query}`)).items as { id: string; clientName: string }[]).map((r) => [r.id, r.clientName]);
    expect(await rows('sort=client')).toEqual([[ids[2], 'Boulangerie Dupont'], ...[[ids[0], 'Garage Martin'], [ids[1], 'Garage Martin']].sort()]);

    await t.ok('PATCH', `/clients/${garage.id}`, { name: 'Atelier Martin & Fils' });
    await t.drain();
    const renamed = await rows('sort=client');
    expect(renamed.map(([, name]) => name)).toEqual(['Atelier Martin & Fils', 'Atelier Martin & Fils', 'Boulangerie Dupont']);
    expect(renamed.slice(0, 2).map(([id]) => id).sort()).toEqual([ids[0], ids[1]].sort());
    expect((await rows('q=atelier')).map(([id]) => id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(await rows('q=garage')).toEqual([]);

    // A later change of one of its invoices (a payment) keeps the new name on its row.
    await t.ok('POST', `/invoices/${ids[0]}/payments`, { amountCents: 100, date: parisToday(), method: 'transfer' });
    await t.drain();
    expect((await rows(`clientId=${garage.id}`)).map(([, name]) => name)).toEqual(['Atelier Martin & Fils', 'Atelier Martin & Fils']);
  });
});
