import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { dueDateAhead, parisToday } from './local-clock.js';

/**
 * The owner's side of test/e2e/portal-promise-plan.test.ts: while a payment plan runs, its instalments are the dates
 * the client agreed to, and `POST /invoices/{id}/promise` (a promise the client made by phone) is a 409 problem that
 * writes nothing. It used to pause the reminders up to 60 days: the plan's courtesy and late reminders were cancelled
 * `paused` while the plan check still ended the plan `missed`. Ending the plan first lets the owner note the promise.
 */
describe('a promise noted by the owner while a payment plan runs', () => {
  it('is a 409 problem naming the plan, and leaves the plan’s reminders scheduled', async () => {
    const t = await freshTenant('owner-promise-plan');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('owner-promise-plan') }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: dueDateAhead(20) }));
    const invoice = await t.ok('POST', `/invoices/${draft.id}/send`);
    const first = addDays(parisToday(), 10);
    await t.ok('POST', `/invoices/${draft.id}/payment-plan`, {
      instalments: [{ dueDate: first, amountCents: 50_000 }, { dueDate: addDays(parisToday(), 40), amountCents: invoice.balanceCents - 50_000 }],
    });
    await t.drain();

    const promise = await t.call('POST', `/invoices/${draft.id}/promise`, { date: addDays(first, 20), note: 'Appel du client' });
    expect(promise.status).toBe(409);
    expect(promise.headers.get('content-type')).toContain('application/problem+json');
    expect(promise.json).toMatchObject({ status: 409, type: 'https://relances.dev/problems/payment-plan-agreed', detail: 'A payment plan is already agreed for this invoice' });

    const after = await t.ok('GET', `/invoices/${draft.id}`);
    expect([after.remindersPaused, after.promisedFor, after.paymentPlan?.status]).toEqual([false, undefined, 'active']);
    const events = (await t.ok('GET', `/invoices/${draft.id}/timeline?limit=100`)).items.map((e: { type: string }) => e.type);
    expect(events).not.toContain('invoice.promised');
    await t.drain();
    const planSteps = (await t.ok('GET', `/invoices/${draft.id}/reminders`)).items.filter((s: { templateId: string }) => s.templateId.startsWith('instalment-'));
    expect(planSteps.length).toBeGreaterThan(0);
    expect(planSteps.filter((s: { reason?: string }) => s.reason === 'paused')).toEqual([]);

    // Once the owner ends the plan, the promise is noted as before.
    await t.ok('DELETE', `/invoices/${draft.id}/payment-plan`);
    const noted = await t.call('POST', `/invoices/${draft.id}/promise`, { date: addDays(first, 20) });
    expect([noted.status, noted.json.promisedFor]).toEqual([200, addDays(first, 20)]);
  });
});
