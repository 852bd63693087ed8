import { describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { ownTenant, uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

/**
 * One rule for the date of a payment, whoever gives it: it may be before the invoice's issue date
 * (an advance, or the client who paid on the day of the job before the invoice was written that
 * evening, did pay then), never after today. The owner records it (`POST /invoices/{id}/payments`);
 * the client's "j'ai payé" on the portal is a claim of it, which books nothing and is judged by the
 * owner: it used to be a 422 `paid-before-invoice` for a date the owner's own route accepts.
 */
const t = ownTenant('paid-early');

const sentInvoiceIssued = async (issueDate: string) => {
  const client = await t.post('/clients', aBusinessClientInput({ email: uniqueEmail('paid-early') }));
  const draft = await t.post('/invoices', anInvoiceInput(client.json.id, { issueDate, dueDate: addDays(issueDate, 30) }));
  const sent = await t.post(`/invoices/${draft.json.id}/send`);
  expect([client.status, draft.status, sent.status]).toEqual([201, 201, 200]);
  return draft.json.id as string;
};

const portal = async (token: string, body: unknown) => {
  const res = await fetch(`${inject('apiUrl')}/portal/${token}/paid`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
};

describe('a payment dated before its invoice', () => {
  it('is recorded by the owner and claimed from the portal alike; after today, both refuse it naming body.date', async () => {
    const today = parisToday();
    const issueDate = addDays(today, -3);
    const early = addDays(issueDate, -2);

    const recorded = await sentInvoiceIssued(issueDate);
    const payment = await t.post(`/invoices/${recorded}/payments`, { amountCents: 30_000, date: early, method: 'transfer' });
    expect(payment.status).toBe(201);
    expect(payment.json.date).toBe(early);

    const claimed = await sentInvoiceIssued(issueDate);
    const link = await t.post(`/invoices/${claimed}/portal-link`);
    expect(link.status).toBe(201);
    const token = /\/p\/([A-Za-z0-9_-]+)$/.exec(link.json.url as string)![1]!;
    const claim = await portal(token, { date: early, reference: 'ESPECES CHANTIER' });
    expect(claim.status).toBe(200);
    expect(claim.json.remindersPaused).toBe(true);
    expect((await t.get(`/invoices/${claimed}`)).json.paidClaim).toMatchObject({ date: early, reference: 'ESPECES CHANTIER' });

    // The one bound both keep: a payment already made is dated up to today.
    const tomorrow = addDays(today, 1);
    const futurePayment = await t.post(`/invoices/${recorded}/payments`, { amountCents: 100, date: tomorrow, method: 'transfer' });
    const futureClaim = await portal(token, { date: tomorrow });
    expect([futurePayment.status, futurePayment.json.errors[0].path]).toEqual([422, 'body.date']);
    expect([futureClaim.status, futureClaim.json.errors[0].path]).toEqual([422, 'body.date']);
  });
});
