/**
 * A payment plan ended unpaid resumes the invoice's escalation "from where it stood" (issue 13 §1): a
 * reminder the owner sent by hand while the plan ran is part of where it stood. A mise en demeure sent
 * by hand during the plan, then the plan ended: the client never gets the first reminder ("échue") and
 * "Malgré notre précédente relance" after it, as without a plan (test/e2e/manual-reminder-coverage).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

type Step = { stepId: string; state: string; plan: number; reason?: string; manual?: boolean };

let t: FreshTenant;
const today = parisToday();

describe('the escalation resumed after a payment plan', () => {
  beforeAll(async () => {
    t = await freshTenant('resume');
    await t.ok('PUT', '/settings', companySettings);
  });

  it('counts a mise en demeure sent by hand while the plan ran: the gentler steps before it do not come back', async () => {
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('resume') }));
    const invoice = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    await t.ok('POST', `/invoices/${invoice.id}/payment-plan`, {
      instalments: [
        { dueDate: addDays(today, 5), amountCents: 47_500 },
        { dueDate: addDays(today, 35), amountCents: 100_000 },
      ],
    });
    await t.drain();
    const manual = await t.call('POST', `/invoices/${invoice.id}/reminders`, { templateId: 'formal-notice' });
    expect(manual.status).toBe(201);
    await t.drain();
    await t.ok('DELETE', `/invoices/${invoice.id}/payment-plan`);
    await t.drain();

    const steps: Step[] = (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items;
    const resumed = steps.filter((s) => !s.manual && s.plan === Math.max(...steps.filter((x) => !x.manual && x.plan < 1000).map((x) => x.plan)));
    expect(resumed.length).toBeGreaterThan(0);
    // Neither "Relance : facture échue" nor "Malgré notre précédente relance" after the mise en demeure.
    for (const id of ['j+1', 'j+8']) expect(resumed.find((s) => s.stepId === id), id).toMatchObject({ state: 'skipped', reason: 'manual_sent' });
    expect(resumed.filter((s) => s.state === 'scheduled').map((s) => s.stepId)).toEqual(['j+15', 'escalate']);
  });

  it('reminds an instalment owed again once the payment that paid it is removed (a cheque that bounced), after a round that left it out as paid', async () => {
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('bounced') }));
    const invoice = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    await t.ok('POST', `/invoices/${invoice.id}/payment-plan`, {
      instalments: [
        { dueDate: addDays(today, 7), amountCents: 47_500 },
        { dueDate: addDays(today, 37), amountCents: 100_000 },
      ],
    });
    await t.drain();
    const cheque = await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: 47_500, date: today, method: 'cheque' });
    await t.drain();
    // A pause and its end: the plan's steps start a new round, for the instalment still unpaid only.
    await t.ok('POST', `/invoices/${invoice.id}/pause`, { reason: 'congés' });
    await t.drain();
    await t.ok('POST', `/invoices/${invoice.id}/resume`, {});
    await t.drain();
    const pending = async () => ((await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items as (Step & { instalment?: number; planStep?: string })[]).filter((s) => s.plan >= 1000 && s.state === 'scheduled');
    expect((await pending()).map((s) => s.stepId)).toEqual(['p1-c2', 'p1-l2']);

    // The cheque bounced: the first instalment is owed again, and reminded before and after its date.
    await t.ok('DELETE', `/invoices/${invoice.id}/payments/${cheque.id}`);
    await t.drain();
    expect((await pending()).map((s) => s.stepId)).toEqual(['p1-c1', 'p1-l1', 'p1-c2', 'p1-l2']);
  });
});
