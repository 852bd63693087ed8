import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { api, uniqueEmail } from './http.js';

/** Money over HTTP on the local stack: concurrent payments, keyed retries. */
describe('payments that stay right, over HTTP', () => {
  const acme = api('acme');
  const aSentInvoice = async () => {
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('money') }));
    const draft = await acme.post('/invoices', anInvoiceInput(client.json.id)); // 1,475.00 € gross
    expect((await acme.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
    return draft.json.id as string;
  };

  it('accepts 10 concurrent payments on one invoice, and the balance is exact', async () => {
    const id = await aSentInvoice();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => acme.post(`/invoices/${id}/payments`, { amountCents: 10_000 + i, date: '2026-11-05', reference: `virement ${i}` })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const invoice = await acme.get(`/invoices/${id}`);
    const paid = 10 * 10_000 + 45;
    expect(invoice.json).toMatchObject({ paidCents: paid, balanceCents: 147_500 - paid, status: 'partially_paid' });
    expect((await acme.get(`/invoices/${id}/payments`)).json.items).toHaveLength(10);
    const timeline = await acme.get(`/invoices/${id}/timeline?limit=100`);
    expect(timeline.json.items.filter((e: { type: string }) => e.type === 'payment.recorded')).toHaveLength(10);
  });

  it('sends a keyed payment and its concurrent duplicates: recorded once', async () => {
    const id = await aSentInvoice();
    const body = { amountCents: 25_000, date: '2026-11-05' };
    const responses = await Promise.all(Array.from({ length: 4 }, () => acme.post(`/invoices/${id}/payments`, body, { 'idempotency-key': `dup-${id}` })));
    // One runs; the others are replays (201) or told it is still in flight (409): never a second payment.
    expect(responses.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const payments = (await acme.get(`/invoices/${id}/payments`)).json.items;
    expect(payments).toHaveLength(1);
    expect((await acme.get(`/invoices/${id}`)).json.paidCents).toBe(25_000);
  });
});
