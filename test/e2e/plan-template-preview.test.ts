/**
 * The template editor previews a payment plan's reminder (`instalment-late`, `instalment-courtesy`) on a real invoice
 * (`POST /templates/{id}/preview { invoiceId }`): on an invoice without a plan it read "l'échéance  sur  de
 * l'échéancier convenu …, prévue le , ne nous est pas parvenue : il reste  à régler", every plan figure blank. It now
 * shows an example plan of that invoice's balance, as the test send without an invoice does; an invoice with its own
 * plan shows that plan. The courtesy one speaks of an instalment to come, the late one of an instalment passed.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const fr = (iso: string) => iso.split('-').reverse().join('/');

describe('previewing a payment plan’s template on an invoice', () => {
  it('fills every plan figure, with an example plan when the invoice has none, and the invoice’s own plan when it has one', async () => {
    const t = await freshTenant('planpreview');
    await t.ok('PUT', '/settings', companySettings);
    const today = parisToday();
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('planpreview') }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);

    const late = await t.ok('POST', '/templates/instalment-late/preview', { invoiceId: draft.id });
    expect(late.subject).toMatch(/^Facture F-\d{4}-\d{4}\u202f: échéance 1\/2 non reçue$/);
    expect(late.body).toMatch(/l'échéance 1 sur 2 de l'échéancier convenu pour la facture F-\d{4}-\d{4}, prévue le \d{2}\/\d{2}\/\d{4}, ne nous est pas parvenue\u202f: il reste \d/);
    for (const name of ['instalmentNumber', 'instalmentCount', 'instalmentAmount', 'instalmentDueDate', 'planSchedule']) expect(late.variables[name], name).not.toBe('');
    const courtesy = await t.ok('POST', '/templates/instalment-courtesy/preview', { invoiceId: draft.id });
    expect(courtesy.subject).toMatch(/^Facture F-\d{4}-\d{4}\u202f: échéance 2\/2 le \d{2}\/\d{2}\/\d{4}$/);
    // The courtesy one speaks of an instalment to come, never of a date passed.
    const [d, m, y] = courtesy.variables.instalmentDueDate.split('/');
    expect(`${y}-${m}-${d}` > today).toBe(true);
    const english = await t.ok('POST', '/templates/instalment-late-en/preview', { invoiceId: draft.id });
    expect(english.subject).toMatch(/: instalment 1\/2 not received$/);

    // With its own plan, that plan: three instalments, the first one a week ahead.
    const first = addDays(today, 7);
    await t.ok('POST', `/invoices/${draft.id}/payment-plan`, {
      instalments: [
        { dueDate: first, amountCents: 50_000 },
        { dueDate: addDays(today, 37), amountCents: 50_000 },
        { dueDate: addDays(today, 67), amountCents: 47_500 },
      ],
    });
    const own = await t.ok('POST', '/templates/instalment-courtesy/preview', { invoiceId: draft.id });
    expect(own.subject).toContain(`échéance 1/3 le ${fr(first)}`);
  });
});
