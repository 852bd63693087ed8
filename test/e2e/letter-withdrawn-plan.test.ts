/**
 * A mise en demeure produced for registered post (`to_post`) and a payment plan agreed before it is posted (issue 13):
 * the letter demands the whole balance within 8 days, with the penalties and the €40 the plan may waive. It stayed in
 * the letters to post (and in the daily overview), so the owner could post a formal notice against the plan just
 * agreed. It is withdrawn as for a dispute (`cancelled: payment_plan`, posting it a 409), and produced again with the
 * figures of the day if the plan ends unpaid and the escalation resumes.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { endOfDay, inParis, parisToday, runUntil } from './local-clock.js';

interface Step { stepId: string; plan?: number; state: string; reason?: string }

describe('a letter waiting to be posted when a payment plan is agreed', () => {
  it('is withdrawn from the letters to post, and planned again when the plan is ended', { timeout: 90_000 }, async () => {
    const t = await freshTenant('letter-plan');
    await t.ok('PUT', '/settings', companySettings);
    await t.ok('POST', '/scenarios', { id: 'lettre', name: 'Lettre', steps: [{ id: 'lettre', offsetDays: 1, templateId: 'formal-notice', channel: 'letter' }] });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('letter-plan'), scenarioId: 'lettre' }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();
    const steps = async () => {
      await t.drain();
      return (await t.ok('GET', `/invoices/${draft.id}/reminders`)).items as Step[];
    };
    const letter = (await steps()).find((s) => s.stepId === 'lettre') as Step & { scheduledAt: string };
    await runUntil(endOfDay(inParis(letter.scheduledAt).date), { tenant: t.tenantId });
    expect((await steps()).find((s) => s.stepId === 'lettre')?.state).toBe('to_post');
    expect((await t.ok('GET', '/reminders/to-post')).items).toHaveLength(1);

    const balance = (await t.ok('GET', `/invoices/${draft.id}`)).balanceCents as number;
    const first = Math.floor(balance / 2);
    await t.ok('POST', `/invoices/${draft.id}/payment-plan`, {
      instalments: [{ dueDate: addDays(today, 10), amountCents: first }, { dueDate: addDays(today, 40), amountCents: balance - first }],
      waivePenalties: true,
    });
    expect((await steps()).find((s) => s.stepId === 'lettre' && s.plan === 1)).toMatchObject({ state: 'cancelled', reason: 'payment_plan' });
    expect((await t.ok('GET', '/reminders/to-post')).items).toEqual([]);
    expect((await t.call('POST', `/invoices/${draft.id}/reminders/lettre/posted`, {})).status).toBe(409);

    // The plan ended unpaid: the escalation resumes where it stood, the letter to be produced again.
    await t.ok('DELETE', `/invoices/${draft.id}/payment-plan`);
    const after = await steps();
    expect(after.filter((s) => s.stepId === 'lettre' && s.state === 'scheduled')).toHaveLength(1);
  });
});
