/**
 * An imported invoice has one line naming it. For a client that reads English (an existing client whose
 * language is `en`, matched by its email) that line is English: the client reads it on the portal and on the
 * invoice PDF attached to its reminders. A new client (French by default) gets the French line.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';

describe('the line of an imported invoice', () => {
  it('is written in the language of the client it is matched to', async () => {
    const t = await freshTenant('import-lang');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('import-lang');
    const english = await t.ok('POST', '/clients', { ...aBusinessClientInput({ email }), language: 'en' });
    const today = localDate(new Date(), 'Europe/Paris');
    const row = (number: string, client: object) => ({
      number, client, issueDate: addDays(today, -10), dueDate: addDays(today, 20), netCents: 10_000, vatCents: 2_000, grossCents: 12_000, paidCents: 0,
    });
    const res = await t.call('POST', '/imports/invoices', {
      invoices: [row('EXT-EN-1', { name: 'Whatever Ltd', email, kind: 'business' }), row('EXT-FR-1', { name: 'Dupont SARL', email: uniqueEmail('import-fr'), kind: 'business' })],
    });
    expect([res.status, res.json.created], JSON.stringify(res.json)).toEqual([200, 2]);
    await t.drain();
    const items = res.json.items as { number: string; clientId: string }[];
    expect(items.find((i) => i.number === 'EXT-EN-1')!.clientId).toBe(english.id);
    const lineOf = async (number: string) => {
      const list = (await t.ok('GET', `/invoices?q=${encodeURIComponent(number)}`)).items as { id: string; number: string }[];
      const invoice = await t.ok('GET', `/invoices/${list.find((i) => i.number === number)!.id}`);
      return (invoice.lines as { description: string }[]).map((l) => l.description);
    };
    expect(await lineOf('EXT-EN-1')).toEqual(['Invoice EXT-EN-1 (imported)']);
    expect(await lineOf('EXT-FR-1')).toEqual(['Facture EXT-FR-1 (importée)']);
  }, 120_000);
});
