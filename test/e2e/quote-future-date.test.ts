import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant } from './fresh-tenant.js';

/**
 * A quote is issued on its date, as an invoice is: one dated after today was numbered and emailed
 * at once (D-2026-0001 dated 02/01/2027, then D-2026-0002 dated today), a document saying it was
 * issued on a day that has not come. Sending it is refused, nothing numbered, until that day.
 */
describe('sending a quote dated after today', () => {
  it('is a 422 naming quote.issueDate, with no number taken; dated today it is sent and numbered first', async () => {
    const t = await freshTenant('quote-future');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', { name: 'Maison Futur', kind: 'business', email: 'futur@quote.test' });
    const lines = [{ description: 'Chantier', quantity: 1, unitPriceCents: 100_000, vatRate: 10 }];
    const later = await t.ok('POST', '/quotes', { clientId: client.id, issueDate: addDays(parisToday(), 3), validityDays: 30, lines });
    const res = await t.call('POST', `/quotes/${later.id}/send`);
    expect([res.status, res.json.type, res.json.errors?.map((e: { path: string }) => e.path)]).toEqual([422, 'https://relances.dev/problems/issue-date-in-future', ['quote.issueDate']]);
    const after = await t.ok('GET', `/quotes/${later.id}`);
    expect([after.number, after.sentAt]).toEqual([undefined, undefined]);

    const now = await t.ok('POST', '/quotes', { clientId: client.id, issueDate: parisToday(), validityDays: 30, lines });
    expect((await t.ok('POST', `/quotes/${now.id}/send`)).number).toBe(`D-${parisToday().slice(0, 4)}-0001`);
  });
});
