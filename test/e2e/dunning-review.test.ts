/**
 * Issue 10 as a new user tries it, on the local stack: cases found by an independent review of
 * grouped, manual and portal reminders that the feature tests did not cover.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

/** A sent invoice of `clientId` due `dueIn` days from today (negative: already late). */
const sentInvoice = async (t: FreshTenant, clientId: string, dueIn: number) => {
  const today = parisToday();
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, Math.min(0, dueIn) - 30), dueDate: addDays(today, dueIn) }));
  return { id: draft.id as string, number: (await t.ok('POST', `/invoices/${draft.id}/send`)).number as string };
};

describe('the default template of a reminder sent by hand', () => {
  it('follows how late the invoice is when no step is recorded: never a mise en demeure for an invoice two days late', async () => {
    const t = await freshTenant('manual-default');
    await t.ok('PUT', '/settings', companySettings);
    // Reminders switched off for this client: its invoices have no recorded step to take the template from.
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('manual-default'), remindersEnabled: false }));
    const late = await sentInvoice(t, client.id, -2);
    await t.drain();

    const preview = await t.call('POST', `/clients/${client.id}/reminders?dryRun=true`, { invoiceIds: [late.id] });
    expect(preview.status).toBe(200);
    expect(preview.json.subject).not.toMatch(/mise en demeure/i);
    expect(preview.json.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([`${late.number}.pdf`]);

    const sent = await t.call('POST', `/invoices/${late.id}/reminders`, {});
    expect([sent.status, sent.json.templateId]).toEqual([201, 'reminder']);
  });

  it('is the courtesy step for invoices not due yet, even before their plan is recorded', async () => {
    const t = await freshTenant('manual-notdue');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('manual-notdue'), remindersEnabled: false }));
    const a = await sentInvoice(t, client.id, 20);
    const b = await sentInvoice(t, client.id, 25);
    await t.drain();
    const preview = await t.call('POST', `/clients/${client.id}/reminders?dryRun=true`, { invoiceIds: [a.id, b.id] });
    expect(preview.status).toBe(200);
    expect(preview.json.subject).not.toMatch(/mise en demeure/i);
    expect(preview.json.text).not.toMatch(/mise en demeure|impayée/i);
    expect(preview.json.attachments).toHaveLength(2);
  });
});
