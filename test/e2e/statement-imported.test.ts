import { describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { formatDate } from '../../shared/domain/template-render.js';
import { pdfText } from '../fixtures/pdf-fixtures.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant } from './fresh-tenant.js';

/**
 * The relevé de compte of an invoice imported partly paid and credited: what was paid before the
 * import, like the credit notes before it, stands at the invoice's issue date (it has no date of
 * ours), so a payment recorded later never shows a running balance that counts it still owed.
 */
const d = (offset: number) => addDays(parisToday(), offset);

describe('GET /clients/{id}/statement of an imported invoice', () => {
  it('puts what was paid before the import at the issue date, before the payments recorded since', async () => {
    const t = await freshTenant('statement-imported');
    await t.ok('PUT', '/settings', companySettings);
    const res = await t.call('POST', '/imports/invoices', {
      invoices: [{ number: 'OLD-1', client: { name: 'Client Ancien', email: 'ancien@statement.test' }, issueDate: d(-100), dueDate: d(-70), grossCents: 20_000, paidCents: 5_000, creditedCents: 3_000 }],
    });
    expect(res.json).toMatchObject({ created: 1, errors: [] });
    await t.drain();
    const invoice = (await t.ok('GET', '/invoices?q=OLD')).items[0];
    // A payment of ours dated before the import day (the bank statement arrived late).
    await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: 1_000, date: d(-20) });
    await t.drain();
    const statement = await t.ok('GET', `/clients/${invoice.clientId}/statement`);
    const lines = statement.lines.map((l: { date: string; kind: string; debitCents: number; creditCents: number; balanceCents: number; paymentReference?: string }) => [l.date, l.kind, l.paymentReference ?? '', l.debitCents || -l.creditCents, l.balanceCents]);
    expect(lines).toEqual([
      [d(-100), 'invoice', '', 20_000, 20_000],
      [d(-100), 'credit_note', '', -3_000, 17_000],
      [d(-100), 'payment', 'Réglé avant import', -5_000, 12_000],
      [d(-20), 'payment', '', -1_000, 11_000],
    ]);
    expect(statement.balanceCents).toBe(11_000);
    // The invoice's payment list dates it as the statement does (it said the import day there, the issue date here).
    const payments = (await t.ok('GET', `/invoices/${invoice.id}/payments`)).items as { id: string; date: string; reference?: string; amountCents: number }[];
    expect(payments.map((p) => [p.date, p.reference ?? '', p.amountCents])).toEqual([
      [d(-100), 'Réglé avant import', 5_000],
      [d(-20), '', 1_000],
    ]);
    const before = payments.find((p) => p.reference === 'Réglé avant import')!;
    expect((await t.ok('GET', `/invoices/${invoice.id}/payments/${before.id}`)).date).toBe(d(-100));
  });

  it('dates it at the issue date on the client portal and the invoice PDF too, never the import day', async () => {
    const t = await freshTenant('portal-imported');
    await t.ok('PUT', '/settings', companySettings);
    const res = await t.call('POST', '/imports/invoices', {
      invoices: [{ number: 'OLD-2', client: { name: 'Client Portail Ancien', email: 'ancien@portal-imported.test' }, issueDate: d(-100), dueDate: d(-70), grossCents: 12_000, paidCents: 2_000 }],
    });
    expect(res.json).toMatchObject({ created: 1, errors: [] });
    await t.drain();
    const invoice = (await t.ok('GET', '/invoices?q=OLD')).items[0];
    const { url } = await t.ok('POST', `/invoices/${invoice.id}/portal-link`);
    const token = /\/p\/([A-Za-z0-9_-]+)$/.exec(url as string)![1]!;
    const portal = (await (await fetch(`${inject('apiUrl')}/portal/${token}`)).json()) as { payments: { date: string; amountCents: number }[] };
    // It said the import day (today): the client read that his September transfer arrived this morning.
    expect(portal.payments.map((p) => [p.date, p.amountCents])).toEqual([[d(-100), 2_000]]);
    const pdf = await t.call('GET', `/invoices/${invoice.id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf.bytes!);
    expect(text).toContain(`${formatDate(d(-100), 'fr')} Autre`);
    expect(text).not.toContain(`${formatDate(parisToday(), 'fr')} Autre`);
    const portalPdf = await fetch(`${inject('apiUrl')}/portal/${token}/pdf`);
    expect(await pdfText(new Uint8Array(await portalPdf.arrayBuffer()))).toContain(`${formatDate(d(-100), 'fr')} Autre`);
  });
});
