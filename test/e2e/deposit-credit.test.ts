import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant } from './fresh-tenant.js';

/**
 * A deposit invoice the final invoice deducts is owed through the job: crediting or cancelling it
 * would take its amount off twice (the final invoice still deducts it), and the client would owe
 * 700 € for a 1 000 € job. It is refused with nothing written; once the final invoice is cancelled,
 * the deposit can be.
 */
const d = (offset: number) => addDays(parisToday(), offset);

describe('a credit note on a deducted deposit invoice', () => {
  it('is refused (422 naming invoice.kind, nothing written) while a final invoice deducts it, allowed once that one is cancelled', async () => {
    const t = await freshTenant('deposit-credit');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', { name: 'Maison Dépôt', kind: 'business', email: 'depot@deposit.test' });
    const quote = await t.ok('POST', '/quotes', { clientId: client.id, issueDate: d(-10), validityDays: 90, lines: [{ description: 'Chantier', quantity: 1, unitPriceCents: 100_000, vatRate: 20 }] });
    await t.ok('POST', `/quotes/${quote.id}/send`);
    await t.ok('POST', `/quotes/${quote.id}/accept`);
    const deposit = await t.ok('POST', `/quotes/${quote.id}/deposits`, { percent: 30 });
    await t.ok('POST', `/invoices/${deposit.id}/send`);
    const final = await t.ok('POST', `/quotes/${quote.id}/final-invoice`, {});
    await t.ok('POST', `/invoices/${final.id}/send`);
    const before = (await t.ok('GET', `/quotes/${quote.id}`)).job;

    for (const [path, body] of [[`/invoices/${deposit.id}/cancel`, { reason: 'Erreur' }], [`/invoices/${deposit.id}/credit-notes`, { reason: 'Remise', amountCents: 1_000 }]] as const) {
      const res = await t.call('POST', path, body);
      expect([res.status, res.type, res.json.errors?.map((e: { path: string }) => e.path)], path).toEqual([422, 'application/problem+json', ['invoice.kind']]);
    }
    expect((await t.ok('GET', `/invoices/${deposit.id}/credit-notes`)).items).toEqual([]);
    expect((await t.ok('GET', `/invoices/${deposit.id}`)).status).toBe('sent');
    await t.drain();
    expect((await t.ok('GET', `/quotes/${quote.id}`)).job).toEqual(before);

    // The final invoice cancelled, the deposit no longer stands for part of it.
    await t.ok('POST', `/invoices/${final.id}/cancel`, { reason: 'Chantier annulé' });
    expect((await t.call('POST', `/invoices/${deposit.id}/cancel`, { reason: 'Chantier annulé' })).status).toBe(200);
  });
});
