import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { addDays } from '../../shared/domain/dates.js';
import { freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday, runUntil } from './local-clock.js';

/**
 * A reminder that bounces names its step on the timeline and in the owner's alert. SES tag values
 * cannot hold a `+`: the step `j+1` came back from SES as `j_1`, a step the invoice does not have
 * (the alerts screen showed "Étape : j_1" instead of the step's name).
 */
describe('a bounced reminder', () => {
  it('names its own step (j+1, not j_1) on the timeline and in the owner’s alert', async () => {
    const t = await freshTenant('bounce-step');
    await t.ok('PUT', '/settings', { company: aCompanyIdentity({ email: `owner-${t.tenantId}@notify.test` }) });
    // Reminders go to the billing contact: SES's mailbox simulator bounces them for good.
    const client = await t.ok('POST', '/clients', aBusinessClientInput({
      email: uniqueEmail('main'),
      contacts: [{ name: 'Comptabilité', email: 'bounce@simulator.amazonses.com', role: 'billing' }],
    }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(parisToday(), -20), dueDate: addDays(parisToday(), -5) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();
    const fired = await runUntil(new Date(Date.now() + 5 * 86_400_000), { tenant: t.tenantId, invoiceId: draft.id });
    expect(fired.map((f) => [f.input.stepId, 'outcome' in f.result ? f.result.outcome : f.result])).toContainEqual(['j+1', 'sent']);
    await t.drain();

    const events = (await t.ok('GET', `/invoices/${draft.id}/timeline?limit=100`)).items as { type: string; data?: { stepId?: string } }[];
    expect(events.filter((e) => e.type === 'email.bounced').map((e) => e.data?.stepId)).toEqual(['j+1']);
    const alerts = (await t.ok('GET', '/notifications')).items as { kind: string; detail?: { stepId?: string } }[];
    expect(alerts.filter((n) => n.kind === 'bounce').map((n) => n.detail?.stepId)).toEqual(['j+1']);
  });
});
