/**
 * An invoice in litigation (contentieux) that a payment settles is `paid`. When that payment is removed (the
 * cheque bounced), the debt is owed again where it stood: in litigation, with the owner's recovery case. It
 * went back to `sent` instead, its reminders planned again from the first overdue one ("Relance : facture
 * échue" to a debtor the owner had handed to a lawyer), and it left the contentieux tab.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

interface Step { stepId: string; state: string; reason?: string }

describe('a payment removed from an invoice it settled in litigation', () => {
  it('puts the invoice back in litigation: no reminder planned again, still in the contentieux tab', async () => {
    const t = await freshTenant('lit-unpay');
    await t.ok('PUT', '/settings', companySettings);
    const today = parisToday();
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('lit-unpay') }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();
    expect((await t.call('POST', `/invoices/${draft.id}/litigation`, { reason: 'confié à l’avocat' })).status).toBe(200);
    const paid = await t.call('POST', `/invoices/${draft.id}/payments`, { amountCents: sent.balanceCents, date: today, method: 'cheque' });
    expect([paid.status, paid.json.invoice.status]).toEqual([201, 'paid']);
    await t.drain();

    const removed = await t.call('DELETE', `/invoices/${draft.id}/payments/${paid.json.id}`);
    expect(removed.status).toBe(200);
    expect([removed.json.status, removed.json.balanceCents]).toEqual(['litigation', sent.balanceCents]);
    await t.drain();
    await t.drain();
    const steps = (await t.ok('GET', `/invoices/${draft.id}/reminders`)).items as Step[];
    expect(steps.filter((s) => s.state === 'scheduled').map((s) => s.stepId)).toEqual([]);
    expect((await t.ok('GET', '/invoices?status=litigation')).items.map((i: { id: string }) => i.id)).toContain(draft.id);
    const timeline = (await t.ok('GET', `/invoices/${draft.id}/timeline?limit=100`)).items as { type: string; data?: { from?: string; to?: string } }[];
    expect(timeline.filter((e) => e.type === 'invoice.status_changed').map((e) => `${e.data?.from}→${e.data?.to}`).slice(-2)).toEqual(['litigation→paid', 'paid→litigation']);

    // Taken back by hand afterwards, it is reminded again as the balance says.
    const back = await t.call('DELETE', `/invoices/${draft.id}/litigation`);
    expect([back.status, back.json.status]).toEqual([200, 'sent']);
    // Paid again out of litigation, then unpaid again: reminded, no longer sent back to litigation.
    const again = await t.ok('POST', `/invoices/${draft.id}/payments`, { amountCents: sent.balanceCents, date: today });
    expect((await t.ok('DELETE', `/invoices/${draft.id}/payments/${again.id}`)).status).toBe('sent');
  });

  it('leaves an invoice paid outside litigation to what its balance says, as before', async () => {
    const t = await freshTenant('unpay');
    await t.ok('PUT', '/settings', companySettings);
    const today = parisToday();
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('unpay') }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
    const paid = await t.ok('POST', `/invoices/${draft.id}/payments`, { amountCents: sent.balanceCents, date: today });
    expect((await t.ok('DELETE', `/invoices/${draft.id}/payments/${paid.id}`)).status).toBe('sent');
  });
});
