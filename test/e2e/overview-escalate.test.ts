import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { addDays } from '../../shared/domain/dates.js';
import { freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday, runUntil } from './local-clock.js';

/**
 * The morning email lists what goes out today. The `escalate` step sends nothing to the client: it
 * moves the invoice to litigation. It was listed as a reminder named by its internal template id
 * ("… · escalate — annuler : …", an English word in the French email); it reads as the move to litigation.
 */
describe('the daily overview email', () => {
  it('names the move to litigation planned today in the owner’s language, not by its internal id', async () => {
    const t = await freshTenant('overview-escalate');
    const owner = `owner-${t.tenantId}@notify.test`;
    await t.ok('PUT', '/settings', { company: aCompanyIdentity({ email: owner }), litigationAfterDays: 2 });
    await t.ok('POST', '/scenarios', { id: 'court', name: 'Court', steps: [{ id: 'j+1', offsetDays: 1, anchor: 'due', templateId: 'reminder' }] });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('escalated'), scenarioId: 'court' }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(parisToday(), -20), dueDate: addDays(parisToday(), -5) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();
    const steps = (await t.ok('GET', `/invoices/${draft.id}/reminders`)).items as { stepId: string; scheduledAt?: string }[];
    const escalate = steps.find((s) => s.stepId === 'escalate')?.scheduledAt;
    expect(escalate).toBeDefined();
    // The owner's 07:00 overview of the escalation's day has fired one hour before it.
    await runUntil(new Date(Date.parse(escalate!) - 3_600_000), { tenant: t.tenantId });

    const overviews = (await inbox(owner)).filter((m) => m.subject.startsWith('[Relances] Votre journée'));
    const text = overviews.at(-1)?.body.text ?? '';
    expect(text).toContain(`facture ${(await t.ok('GET', `/invoices/${draft.id}`)).number}`);
    expect(text).toContain('passage en contentieux');
    expect(text).not.toMatch(/· escalate\b/);
  });
});
