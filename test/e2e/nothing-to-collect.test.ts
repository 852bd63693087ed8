import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

/**
 * An invoice with nothing to collect (a 0 € invoice, a final invoice its deposits cover, an
 * imported 0 € one) is issued `paid`: it was `sent` with no balance, so past its due date the
 * follow-up list showed it overdue (and `status=overdue` listed it) while the cockpit counted
 * nothing. It is never reminded, and nobody is thanked for a payment that did not happen.
 */
let t: FreshTenant;
let clientId: string;
const email = uniqueEmail('nothing-due');
const issueDate = addDays(parisToday(), -60);
const dueDate = addDays(parisToday(), -30);
const lines = (unitPriceCents: number) => [{ description: 'Intervention sous garantie', quantity: 1, unitPriceCents, vatRate: 20 }];

beforeAll(async () => {
  t = await freshTenant('nothing-due');
  await t.ok('PUT', '/settings', { ...companySettings, thankOnPayment: true, thankOnlyIfReminded: false });
  clientId = (await t.ok('POST', '/clients', aBusinessClientInput({ email }))).id;
}, 60_000);

describe('an invoice with nothing to collect', () => {
  it('is issued paid: not overdue in the list, nor in the overdue filters, the cockpit agrees, no reminder, no thank-you', async () => {
    const draft = await t.ok('POST', '/invoices', { clientId, issueDate, dueDate, lines: lines(0) });
    const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
    expect([sent.status, sent.balanceCents, sent.overdue, sent.number]).toEqual(['paid', 0, false, expect.stringMatching(/^F-\d{4}-\d{4}$/)]);
    // One with something to pay, for contrast: late, listed, counted.
    const owed = await t.ok('POST', `/invoices/${(await t.ok('POST', '/invoices', { clientId, issueDate, dueDate, lines: lines(10_000) })).id}/send`);
    expect(owed.status).toBe('sent');
    await t.drain();

    for (const query of ['status=overdue', 'overdue=true', 'minDaysLate=1']) {
      expect((await t.ok('GET', `/invoices?${query}`)).items.map((i: { id: string }) => i.id), query).toEqual([owed.id]);
    }
    const cockpit = await t.ok('GET', '/cockpit');
    expect([cockpit.overdueInvoices, cockpit.openInvoices, cockpit.overdueCents]).toEqual([1, 1, 12_000]);
    const steps = (await t.ok('GET', `/invoices/${draft.id}/reminders`)).items as { state: string }[];
    expect(steps.filter((s) => s.state === 'scheduled')).toEqual([]);
    const timeline = (await t.ok('GET', `/invoices/${draft.id}/timeline`)).items as { type: string; data?: { to?: string } }[];
    expect(timeline.filter((e) => e.type === 'invoice.status_changed').map((e) => e.data?.to)).toEqual(['paid']);
    // The client gets its invoice emails, and no thank-you for a 0 € invoice.
    const subjects = (await inbox(email)).map((e) => e.subject);
    expect(subjects.filter((s) => !s.startsWith('Facture '))).toEqual([]);
    expect(subjects).toHaveLength(2);
  });

  it('a final invoice its deposits cover is issued paid', async () => {
    const quote = await t.ok('POST', '/quotes', { clientId, issueDate: parisToday(), validUntil: addDays(parisToday(), 30), lines: lines(20_000) });
    await t.ok('POST', `/quotes/${quote.id}/send`);
    await t.ok('POST', `/quotes/${quote.id}/accept`, {});
    const deposit = await t.ok('POST', `/quotes/${quote.id}/deposits`, { percent: 100 });
    await t.ok('POST', `/invoices/${deposit.id}/send`);
    await t.ok('POST', `/invoices/${deposit.id}/payments`, { amountCents: 24_000, date: parisToday(), method: 'transfer' });
    const final = await t.ok('POST', `/quotes/${quote.id}/final-invoice`, { issueDate: parisToday(), dueDate: parisToday() });
    const sent = await t.ok('POST', `/invoices/${final.id}/send`);
    expect([sent.status, sent.balanceCents, sent.deductedCents]).toEqual(['paid', 0, 24_000]);
  });

  it('an imported 0 € invoice comes in paid', async () => {
    const res = await t.call('POST', '/imports/invoices', { invoices: [{ number: 'ZERO-1', client: { name: 'Client', email }, issueDate, dueDate, grossCents: 0 }] });
    expect(res.json.errors).toEqual([]);
    await t.drain();
    const [row] = (await t.ok('GET', '/invoices?q=ZERO')).items;
    expect([row.status, row.balanceCents, row.overdue]).toEqual(['paid', 0, false]);
  });
});
