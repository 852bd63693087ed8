/**
 * A registered-mail number as La Poste prints it (`1A 234 567 8901 2`) and as the owner types it again
 * (`1a23456789012`): the same letter, the same number. It was a 409 "already recorded as posted with
 * tracking number …", naming the very number typed.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant } from './fresh-tenant.js';
import { parisToday, runUntil } from './local-clock.js';

describe('posting a letter with its tracking number', () => {
  it('takes the number however it is spaced or cased, and still refuses another one', { timeout: 60_000 }, async () => {
    const t = await freshTenant('tracking');
    await t.ok('PUT', '/settings', { company: aCompanyIdentity(), skipWeekends: false, skipHolidays: false });
    await t.ok('POST', '/scenarios', { id: 'lettre', name: 'Lettre', steps: [{ id: 'lettre', offsetDays: 1, templateId: 'formal-notice', channel: 'letter' }] });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ scenarioId: 'lettre' }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: addDays(parisToday(), 2) }));
    const invoice = await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();
    const fired = await runUntil(new Date(`${addDays(parisToday(), 4)}T20:00:00Z`), { tenant: t.tenantId, invoiceId: invoice.id });
    expect(fired.map((f) => ('outcome' in f.result ? f.result.outcome : f.result.error))).toContain('to_post');

    // No letter nor digit is no number (a slip of the keyboard): refused, the letter still to post, so the right one
    // can be given (a posted letter's number cannot be changed).
    const typo = await t.call('POST', `/invoices/${invoice.id}/reminders/lettre/posted`, { trackingNumber: '!!!' });
    expect([typo.status, typo.json.errors]).toEqual([400, [{ path: 'body.trackingNumber', message: 'must contain a letter or a digit' }]]);
    expect((await t.ok('GET', '/reminders/to-post')).items.map((l: { invoiceId: string }) => l.invoiceId)).toEqual([invoice.id]);
    const posted = await t.call('POST', `/invoices/${invoice.id}/reminders/lettre/posted`, { trackingNumber: '1A 234 567 8901 2' });
    expect([posted.status, posted.json.state, posted.json.trackingNumber]).toEqual([200, 'sent', '1A 234 567 8901 2']);
    const again = await t.call('POST', `/invoices/${invoice.id}/reminders/lettre/posted`, { trackingNumber: '1a23456789012' });
    expect([again.status, again.json.trackingNumber]).toEqual([200, '1A 234 567 8901 2']);
    const other = await t.call('POST', `/invoices/${invoice.id}/reminders/lettre/posted`, { trackingNumber: '1A 999 999 9999 9' });
    expect(other.status).toBe(409);
  });
});
