/**
 * A seller paid through a payment URL and no IBAN (issue 8 §3 lets it send invoices so): the
 * reminders and the mise en demeure by post say how to pay, with that URL, never an empty line
 * (DOMAIN.md §1: a mise en demeure names the payment methods).
 */
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant } from './fresh-tenant.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

describe('a seller with a payment URL and no IBAN', () => {
  it('puts the pay link where the transfer details would be, in a reminder and in the letter to post', { timeout: 60_000 }, async () => {
    const t = await freshTenant('payurl');
    await t.ok('PUT', '/settings', {
      company: aCompanyIdentity({ iban: undefined }),
      paymentUrl: 'https://pay.example/plomberie?ref={{invoiceNumber}}&amount={{balance}}',
    });
    await t.ok('POST', '/scenarios', { id: 'lettre', name: 'Lettre', steps: [{ id: 'lettre', offsetDays: 15, templateId: 'formal-notice', channel: 'letter' }] });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ scenarioId: 'lettre' }));
    const today = parisToday();
    const first = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -50), dueDate: addDays(today, -20) }));
    const second = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -49), dueDate: addDays(today, -19) }));
    const a = await t.ok('POST', `/invoices/${first.id}/send`);
    const b = await t.ok('POST', `/invoices/${second.id}/send`);

    // A reminder about one invoice: its own link and balance.
    const one = await t.ok('POST', `/clients/${client.id}/reminders?dryRun=true`, { invoiceIds: [a.id], templateId: 'reminder' });
    expect(one.text).toContain(`Règlement en ligne\u202f: https://pay.example/plomberie?ref=${a.number}&amount=${(a.balanceCents / 100).toFixed(2)}`);

    // The letter to post lists both: the link names both and asks for their whole balance.
    const fired = await runUntil(endOfDay(addDays(today, 4)), { tenant: t.tenantId });
    expect(fired.some((f) => 'outcome' in f.result && (f.result.outcome as string) === 'to_post')).toBe(true);
    const toPost = (await t.ok('GET', '/reminders/to-post')).items;
    expect(toPost).toHaveLength(1);
    const pdf = await t.call('GET', toPost[0].pdfUrl);
    expect(pdf.status).toBe(200);
    const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf.bytes!)), { mergePages: true })).text;
    const total = ((a.balanceCents + b.balanceCents) / 100).toFixed(2);
    // (Words over 20 characters may break anywhere with a hyphen, templates/pdf/fonts.ts: the long link does.)
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(`Modalitésdepaiement:Règlementenligne:https://pay.example/plomberie?ref=${a.number}`);
    expect(flat.replace(/-/g, '')).toContain(`${a.number}%2C%20${b.number}&amount=${total}`.replace(/-/g, ''));
  });
});
