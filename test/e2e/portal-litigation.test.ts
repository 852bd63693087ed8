/**
 * An invoice in litigation (contentieux) still has its balance to pay: reminders stop, but its portal
 * page keeps the pay link and the EPC QR code for what is left, as its PDF does, so the client who
 * decides to pay can (a payment that settles it makes it paid).
 */
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { parseEpcPayload } from '../../shared/domain/epc-qr.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';

describe('the portal of an invoice in litigation', () => {
  it('still shows how to pay the balance: pay link and EPC QR code', { timeout: 60_000 }, async () => {
    const t = await freshTenant('portal-litigation');
    await t.ok('PUT', '/settings', { ...companySettings, paymentUrl: 'https://pay.example/plomberie?ref={{invoiceNumber}}&amount={{balance}}' });
    const email = uniqueEmail('portal-litigation');
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: '2026-09-01', dueDate: '2026-10-01' }));
    const { number } = await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.ok('POST', `/invoices/${draft.id}/payments`, { amountCents: 10_000, date: '2026-10-15', method: 'transfer' });
    await t.ok('POST', `/invoices/${draft.id}/litigation`, { reason: 'injoignable' });
    const { balanceCents, status } = await t.ok('GET', `/invoices/${draft.id}`);
    expect(status).toBe('litigation');
    const token = (await inbox(email))[0]!.body.text!.match(/\/p\/([A-Za-z0-9_-]+)/)![1]!;

    const view = (await (await fetch(`${inject('apiUrl')}/portal/${token}`)).json()) as { payment: { paymentUrl?: string; epcQr?: { payload: string } } };
    expect(view.payment.paymentUrl).toBe(`https://pay.example/plomberie?ref=${number}&amount=${(balanceCents / 100).toFixed(2)}`);
    expect(parseEpcPayload(view.payment.epcQr!.payload)).toMatchObject({ amountCents: balanceCents, remittance: number });
  });
});
