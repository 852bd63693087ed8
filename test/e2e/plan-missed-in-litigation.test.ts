/**
 * An invoice under a payment plan that the owner moved to litigation by hand: its plan keeps running
 * (taken back from litigation, it would go on), so its instalment missed for good still ends it. The
 * owner's alert said "les relances de la facture reprennent là où elles en étaient", while nothing
 * resumes in litigation. It now says the invoice is in litigation and no reminder goes out. Over HTTP
 * on the local stack, the clock run by the Scheduler emulator, the email read from the SES emulator.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday, runUntil } from './local-clock.js';

describe('an instalment missed while the invoice is in litigation', () => {
  it('ends the plan, and the owner is not told that the reminders resume', { timeout: 90_000 }, async () => {
    const t = await freshTenant('plan-missed-litigation');
    const owner = uniqueEmail('plan-missed-owner');
    await t.ok('PUT', '/settings', { company: aCompanyIdentity(), notifyEmail: owner });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('plan-missed-client') }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const invoice = await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();
    const balance = (await t.ok('GET', `/invoices/${invoice.id}`)).balanceCents as number;
    const half = Math.floor(balance / 2);
    await t.ok('POST', `/invoices/${invoice.id}/payment-plan`, { instalments: [{ dueDate: addDays(today, 5), amountCents: half }, { dueDate: addDays(today, 35), amountCents: balance - half }] });
    await t.drain();
    await t.ok('POST', `/invoices/${invoice.id}/litigation`, { reason: 'plus de nouvelles' });
    await t.drain();

    await runUntil(new Date(Date.parse(`${addDays(today, 30)}T12:00:00Z`)), { tenant: t.tenantId });
    await t.drain();

    expect((await t.ok('GET', `/invoices/${invoice.id}/payment-plan`)).endReason).toBe('missed');
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).status).toBe('litigation');
    const alerts = (await t.ok('GET', '/notifications')).items.filter((n: { kind: string }) => n.kind === 'plan_missed');
    expect(alerts).toHaveLength(1);
    const mails = (await inbox(owner)).filter((m) => m.subject.includes('Échéance manquée'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).not.toContain('reprennent');
    expect(mails[0]!.body.text).toContain('contentieux');
  });
});
