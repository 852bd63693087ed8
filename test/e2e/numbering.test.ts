import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { api, ownTenant, uniqueEmail } from './http.js';

describe('invoice numbering', () => {
  it('gives concurrent sends distinct consecutive numbers with no gap', async () => {
    const globex = ownTenant('seq');
    const client = await globex.post('/clients', aBusinessClientInput({ email: uniqueEmail('seq') }));
    const drafts = await Promise.all(Array.from({ length: 8 }, () => globex.post('/invoices', anInvoiceInput(client.json.id))));
    // One more send before and after the burst pins the window: nothing may be skipped around it.
    const first = await globex.post(`/invoices/${(await globex.post('/invoices', anInvoiceInput(client.json.id))).json.id}/send`);
    const start = Number(first.json.number.split('-')[2]);

    const sent = await Promise.all(drafts.map((d) => globex.post(`/invoices/${d.json.id}/send`)));
    expect(sent.map((s) => s.status)).toEqual(Array(8).fill(200));
    const numbers = sent.map((s) => Number(s.json.number.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(8);
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => start + 1 + i));
    const last = await globex.post(`/invoices/${(await globex.post('/invoices', anInvoiceInput(client.json.id))).json.id}/send`);
    expect(Number(last.json.number.split('-')[2])).toBe(start + 9);
  });

  it('refuses to send the same invoice twice', async () => {
    const acme = ownTenant('twice');
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('twice') }));
    const draft = await acme.post('/invoices', anInvoiceInput(client.json.id));
    const [a, b] = await Promise.all([acme.post(`/invoices/${draft.json.id}/send`), acme.post(`/invoices/${draft.json.id}/send`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const again = await acme.post(`/invoices/${draft.json.id}/send`);
    expect(again.status).toBe(409);
  });
});
