/**
 * Words for one: a plan one cent short said "(1 cents missing)", and the owner's email about a client asking for a
 * single instalment (more time to pay the whole balance) said "Le client demande à payer en 1 fois". Over HTTP on the
 * local stack, the email read from the SES emulator.
 */
import { describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { dueDateAhead, parisToday } from './local-clock.js';

describe('a payment plan of one cent off, or of one instalment', () => {
  it('says "1 cent", and tells the owner the client asks for more time to pay in a single instalment', async () => {
    const t = await freshTenant('plan-words-singular');
    const owner = uniqueEmail('plan-words-owner');
    await t.ok('PUT', '/settings', { company: aCompanyIdentity(), notifyEmail: owner });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('plan-words-client') }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: dueDateAhead(20) }));
    const invoice = await t.ok('POST', `/invoices/${draft.id}/send`);
    const date = addDays(parisToday(), 30);

    const short = await t.call('POST', `/invoices/${draft.id}/payment-plan`, { instalments: [{ dueDate: date, amountCents: invoice.balanceCents - 1 }] });
    expect(short.status).toBe(422);
    expect(short.json.errors).toEqual([
      { path: 'body.instalments', message: `instalments add up to ${invoice.balanceCents - 1} cents but the balance is ${invoice.balanceCents} cents (1 cent missing)` },
    ]);

    const { url } = await t.ok('POST', `/invoices/${draft.id}/portal-link`);
    const token = /\/p\/([A-Za-z0-9_-]{43})$/.exec(url)![1]!;
    const res = await fetch(`${inject('apiUrl')}/portal/${token}/plan-request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instalments: [{ dueDate: date, amountCents: invoice.balanceCents }] }),
    });
    expect(res.status).toBe(200);
    await t.drain();
    const mails = (await inbox(owner)).filter((m) => m.subject.includes("Demande d'échéancier"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).not.toMatch(/en 1[ \u00a0]fois/);
    expect(mails[0]!.body.text).toContain('Le client demande un délai pour payer en une seule fois. Acceptez ou refusez depuis la facture.');
  });
});
