import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, aConsumerClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant } from './fresh-tenant.js';

describe('dates the law fixes, over HTTP on the local stack', () => {
  it('a business client is given at most 60 days (or 45 days end of month); a consumer is not capped', async () => {
    const t = await freshTenant('terms');
    const b2b = await t.ok('POST', '/clients', aBusinessClientInput({ email: 'compta@terms.test' }));
    const refused = await t.call('POST', '/invoices', anInvoiceInput(b2b.id, { issueDate: '2026-11-02', dueDate: '2027-01-20' }));
    expect(refused.status).toBe(422);
    expect(refused.json.errors).toEqual([{ path: 'body.dueDate', message: expect.stringContaining('2027-01-14 at the latest') }]);
    expect((await t.ok('GET', '/invoices')).items).toHaveLength(0);
    expect((await t.ok('POST', '/invoices', anInvoiceInput(b2b.id, { issueDate: '2026-11-02', dueDate: '2027-01-14' }))).dueDate).toBe('2027-01-14');
    const consumer = await t.ok('POST', '/clients', aConsumerClientInput({ email: 'durand@terms.test' }));
    expect((await t.ok('POST', '/invoices', anInvoiceInput(consumer.id, { issueDate: '2026-11-02', dueDate: '2027-03-01' }))).dueDate).toBe('2027-03-01');
  });
});
