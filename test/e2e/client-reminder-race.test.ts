/**
 * Two reminders for one client at once (a double click, the invoice's own "Relancer" and the client's):
 * one goes out, once; the other is told why not now (409: the same day, the client's gap), never a 422
 * "nothing can be reminded" listing invoices that "changed" when the other send only took one of them.
 */
import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';

describe('a client reminder racing another reminder of the same client', () => {
  it('sends one message; the other request answers 409', { timeout: 90_000 }, async () => {
    const t = await freshTenant('client-race');
    await t.ok('PUT', '/settings', companySettings);
    for (let round = 0; round < 3; round++) {
      const email = uniqueEmail(`client-race-${round}`);
      const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
      const ids: string[] = [];
      for (const dueDate of ['2026-10-10', '2026-10-20', '2026-10-30']) {
        const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: '2026-09-01', dueDate }));
        await t.ok('POST', `/invoices/${draft.id}/send`);
        ids.push(draft.id);
      }
      await t.drain();
      const [single, grouped] = await Promise.all([t.call('POST', `/invoices/${ids[0]}/reminders`, {}), t.call('POST', `/clients/${client.id}/reminders`, {})]);
      expect([single.status, grouped.status].sort(), JSON.stringify([single.json, grouped.json])).toEqual([201, 409]);
      const reminders = (await inbox(email)).filter((m) => !m.subject.startsWith('Facture '));
      expect(reminders, JSON.stringify(reminders.map((m) => m.subject))).toHaveLength(1);
    }
  });
});
