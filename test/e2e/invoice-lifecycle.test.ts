import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { api, ownTenant, inbox, uniqueEmail } from './http.js';

const pdfText = async (base64: string) =>
  (await extractText(await getDocumentProxy(new Uint8Array(Buffer.from(base64, 'base64'))), { mergePages: true })).text;

describe('an invoice from draft to paid, over HTTP', () => {
  const acme = ownTenant('lifecycle');

  it('totals, numbers, emails with the PDF, tracks partial and full payment, refuses overpayment', async () => {
    const email = uniqueEmail('dupont');
    const client = await acme.post('/clients', aBusinessClientInput({ email }));
    expect(client.status).toBe(201);

    const draft = await acme.post('/invoices', anInvoiceInput(client.json.id));
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({
      status: 'draft',
      totals: { netCents: 125_000, vatCents: 22_500, grossCents: 147_500 },
      balanceCents: 147_500,
      paidCents: 0,
    });
    expect(draft.json.totals.vatBreakdown).toEqual([
      { vatRate: 20, netCents: 100_000, vatCents: 20_000 },
      { vatRate: 10, netCents: 25_000, vatCents: 2_500 },
    ]);
    expect(draft.json.number).toBeUndefined();

    const sent = await acme.post(`/invoices/${draft.json.id}/send`);
    expect(sent.status).toBe(200);
    // The series is the issue date's year (F-2026-… for the fixture's 2026 invoice), not the year the suite runs in.
    const year = String(draft.json.issueDate).slice(0, 4);
    expect(sent.json.number).toMatch(new RegExp(`^F-${year}-\\d{4}$`));
    expect(sent.json.status).toBe('sent');

    const mails = await inbox(email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.subject).toContain(sent.json.number);
    expect(mail!.attachments).toHaveLength(1);
    expect(mail!.attachments[0]!.contentType).toBe('application/pdf');
    const text = await pdfText(mail!.attachments[0]!.content);
    expect(text).toContain(sent.json.number);
    expect(text.replace(/\s/g, '')).toContain('1475,00€');

    const partial = await acme.post(`/invoices/${draft.json.id}/payments`, { amountCents: 47_500, date: '2026-11-05', method: 'transfer' });
    expect(partial.status).toBe(201);
    expect(partial.json).toMatchObject({ amountCents: 47_500, invoice: { status: 'partially_paid', paidCents: 47_500, balanceCents: 100_000 } });

    const over = await acme.post(`/invoices/${draft.json.id}/payments`, { amountCents: 100_001, date: '2026-11-06' });
    expect(over.status).toBe(422);
    expect(over.type).toContain('application/problem+json');
    expect(over.json.errors[0].path).toBe('body.amountCents');

    const rest = await acme.post(`/invoices/${draft.json.id}/payments`, { amountCents: 100_000, date: '2026-11-06' });
    expect(rest.json.invoice).toMatchObject({ status: 'paid', paidCents: 147_500, balanceCents: 0, overdue: false });

    const timeline = await acme.get(`/invoices/${draft.json.id}/timeline`);
    const types = timeline.json.items.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('invoice.created');
    expect(types).toEqual(expect.arrayContaining(['invoice.numbered', 'invoice.sent', 'payment.recorded', 'invoice.status_changed']));
    expect(types.filter((t: string) => t === 'payment.recorded')).toHaveLength(2);
  });

  it('refuses to send an invoice dated after today (422 naming its date), numbers nothing, and sends it once dated today', async () => {
    // Its own tenant: dated today, it would keep the fixture's earlier-dated invoices of the next tests from their numbers.
    const acme = ownTenant('future');
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('future') }));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const draft = await acme.post('/invoices', anInvoiceInput(client.json.id, { issueDate: tomorrow, dueDate: new Date(Date.parse(`${tomorrow}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10) }));
    expect(draft.status).toBe(201);
    const refused = await acme.post(`/invoices/${draft.json.id}/send`);
    expect(refused.status).toBe(422);
    expect(refused.json.errors).toEqual([{ path: 'invoice.issueDate', message: `is after today (${today}): send it on that day, or change its date` }]);
    const still = await acme.get(`/invoices/${draft.json.id}`);
    expect([still.json.status, still.json.number]).toEqual(['draft', undefined]);
    expect((await acme.patch(`/invoices/${draft.json.id}`, { issueDate: today })).status).toBe(200);
    const sent = await acme.post(`/invoices/${draft.json.id}/send`);
    expect([sent.status, sent.json.status, sent.json.issueDate]).toEqual([200, 'sent', today]);
    expect(sent.json.number).toMatch(/^F-\d{4}-\d{4,}$/);
    // Nor a payment dated tomorrow: the refusal says which day today is where the tenant lives.
    const early = await acme.post(`/invoices/${draft.json.id}/payments`, { amountCents: 100, date: tomorrow, method: 'transfer' });
    expect([early.status, early.json.errors]).toEqual([422, [{ path: 'body.date', message: `is after today (${today})` }]]);
  });

  it('records a payment once when it is repeated with the same Idempotency-Key', async () => {
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('idem') }));
    const draft = await acme.post('/invoices', anInvoiceInput(client.json.id));
    await acme.post(`/invoices/${draft.json.id}/send`);
    const key = { 'idempotency-key': `pay-${draft.json.id}` };
    const body = { amountCents: 10_000, date: '2026-11-05' };

    const first = await acme.post(`/invoices/${draft.json.id}/payments`, body, key);
    const second = await acme.post(`/invoices/${draft.json.id}/payments`, body, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('location')).toBe(first.headers.get('location'));

    const payments = await acme.get(`/invoices/${draft.json.id}/payments`);
    expect(payments.json.items).toHaveLength(1);
    const invoice = await acme.get(`/invoices/${draft.json.id}`);
    expect(invoice.json.paidCents).toBe(10_000);

    const reused = await acme.post(`/invoices/${draft.json.id}/payments`, { ...body, amountCents: 20_000 }, key);
    expect(reused.status).toBe(422);
  });

  it('answers a recorded payment with its id and Location, so a front end can remove it at once', async () => {
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('payid') }));
    const draft = await acme.post('/invoices', anInvoiceInput(client.json.id));
    await acme.post(`/invoices/${draft.json.id}/send`);
    const paid = await acme.post(`/invoices/${draft.json.id}/payments`, { amountCents: 20_000, date: '2026-11-05', method: 'cheque', reference: 'CHQ 1234' });
    expect(paid.status).toBe(201);
    expect(paid.json).toMatchObject({ invoiceId: draft.json.id, amountCents: 20_000, date: '2026-11-05', method: 'cheque', reference: 'CHQ 1234', invoice: { id: draft.json.id, paidCents: 20_000, balanceCents: 127_500 } });
    expect(paid.json.id).not.toBe(draft.json.id);
    const location = paid.headers.get('location');
    expect(location).toBe(`/invoices/${draft.json.id}/payments/${paid.json.id}`);

    const read = await acme.get(location!);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ id: paid.json.id, amountCents: 20_000, method: 'cheque' });
    expect((await api('globex').get(location!)).status).toBe(404);
    expect((await acme.delete(location!)).json).toMatchObject({ paidCents: 0, balanceCents: 147_500 });
    expect((await acme.get(location!)).json.removedAt).toEqual(expect.any(String));
    expect((await acme.get(`/invoices/${draft.json.id}/payments/nope`)).status).toBe(404);
  });

  it('keeps a removed payment in the history and restores the balance', async () => {
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('remove') }));
    const draft = await acme.post('/invoices', anInvoiceInput(client.json.id));
    await acme.post(`/invoices/${draft.json.id}/send`);
    const paid = await acme.post(`/invoices/${draft.json.id}/payments`, { amountCents: 147_500, date: '2026-11-05' });
    expect(paid.json.invoice.status).toBe('paid');
    const [payment] = (await acme.get(`/invoices/${draft.json.id}/payments`)).json.items;
    expect(payment.id).toBe(paid.json.id);

    const removed = await acme.delete(`/invoices/${draft.json.id}/payments/${payment.id}`);
    expect(removed.status).toBe(200);
    expect(removed.json).toMatchObject({ status: 'sent', paidCents: 0, balanceCents: 147_500 });
    const history = (await acme.get(`/invoices/${draft.json.id}/payments`)).json.items;
    expect(history).toHaveLength(1);
    expect(history[0].removedAt).toEqual(expect.any(String));
    expect((await acme.delete(`/invoices/${draft.json.id}/payments/${payment.id}`)).status).toBe(404);
  });

  it('serves the invoice PDF', async () => {
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('pdf') }));
    const draft = await acme.post('/invoices', anInvoiceInput(client.json.id));
    const sent = await acme.post(`/invoices/${draft.json.id}/send`);
    const res = await acme.get(`/invoices/${draft.json.id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(Buffer.from(res.bytes!).subarray(0, 4).toString()).toBe('%PDF');
    const text = (await extractText(await getDocumentProxy(res.bytes!), { mergePages: true })).text;
    expect(text).toContain(sent.json.number);
  });
});
