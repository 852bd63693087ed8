/**
 * A step the owner cancelled stays cancelled when the invoice's reminders stop and start again (a pause
 * resumed): the new plan starts after the last step sent, and it once scheduled the cancelled step again at
 * its old date (the invoice screen showed it "Programmée", the cancellation only in the history). The dry run
 * agrees: nothing goes out for that step.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

type Step = { stepId: string; plan?: number; state: string; scheduledAt?: string; reason?: string };

describe('a step cancelled by the owner, then the invoice paused and resumed', () => {
  it('is not scheduled again by the new plan, nor sent in the dry run; the later steps keep their dates', async () => {
    const t = await freshTenant('cancel-resume');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('cancel-resume') }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: today, dueDate: addDays(today, 20) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();
    const before = (await t.ok('GET', `/invoices/${draft.id}/reminders`)).items as Step[];
    const j8 = before.find((s) => s.stepId === 'j+8');
    expect(j8, JSON.stringify(before)).toMatchObject({ state: 'scheduled', plan: 1 });
    const j15 = before.find((s) => s.stepId === 'j+15')!;

    const cancelled = await t.call('POST', `/invoices/${draft.id}/reminders/${encodeURIComponent('j+8')}/cancel`);
    expect([cancelled.status, cancelled.json.state]).toEqual([200, 'cancelled']);
    expect((await t.call('POST', `/invoices/${draft.id}/pause`, { reason: 'chantier en cours' })).status).toBe(200);
    await t.drain();
    expect((await t.call('POST', `/invoices/${draft.id}/resume`)).status).toBe(200);
    await t.drain();

    const after = (await t.ok('GET', `/invoices/${draft.id}/reminders`)).items as Step[];
    const latestPlan = Math.max(...after.filter((s) => s.plan !== undefined && s.plan < 1000).map((s) => s.plan!));
    expect(latestPlan, JSON.stringify(after)).toBe(2);
    expect(after.filter((s) => s.stepId === 'j+8').map((s) => [s.plan, s.state, s.reason])).toEqual([[1, 'cancelled', 'owner_cancelled']]);
    expect(after.find((s) => s.stepId === 'j+15' && s.plan === 2)).toMatchObject({ state: 'scheduled', scheduledAt: j15.scheduledAt });

    const sim = await t.ok('GET', `/reminders/simulation?from=${today}&to=${addDays(today, 60)}`);
    const sends = (sim.items as { invoiceId: string; action: string; stepId: string }[]).filter((i) => i.invoiceId === draft.id && i.action === 'send').map((i) => i.stepId);
    expect(sends).not.toContain('j+8');
    expect(sends).toContain('j+15');
  }, 120_000);
});
