/**
 * An invoice under a payment plan whose reminders the owner paused: its instalment missed for good still ends the plan.
 * The owner's alert said "les relances de la facture reprennent là où elles en étaient", while an open-ended pause
 * resumes nothing until the owner lifts it, and a dated one only on its date. It now says which (as for an invoice in
 * litigation, test/e2e/plan-missed-in-litigation.test.ts). Over HTTP on the local stack, the clock run by the Scheduler
 * emulator, the emails read from the SES emulator.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday, runUntil } from './local-clock.js';

const invoiceUnderPlan = async (t: FreshTenant, today: string, name: string) => {
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ name, email: uniqueEmail('plan-paused-client') }));
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
  const invoice = await t.ok('POST', `/invoices/${draft.id}/send`);
  await t.drain();
  const balance = (await t.ok('GET', `/invoices/${invoice.id}`)).balanceCents as number;
  const half = Math.floor(balance / 2);
  await t.ok('POST', `/invoices/${invoice.id}/payment-plan`, { instalments: [{ dueDate: addDays(today, 5), amountCents: half }, { dueDate: addDays(today, 35), amountCents: balance - half }] });
  await t.drain();
  return invoice as { id: string; number: string };
};

describe('an instalment missed while the owner paused the invoice’s reminders', () => {
  it('ends the plan, and the owner is told that the reminders stay paused (until resumed, or until the pause’s date)', { timeout: 120_000 }, async () => {
    const t = await freshTenant('plan-missed-paused');
    const owner = uniqueEmail('plan-paused-owner');
    await t.ok('PUT', '/settings', { company: aCompanyIdentity(), notifyEmail: owner });
    const today = parisToday();
    const open = await invoiceUnderPlan(t, today, 'Pause Sans Fin SARL');
    const dated = await invoiceUnderPlan(t, today, 'Pause Datée SARL');
    await t.ok('POST', `/invoices/${open.id}/pause`, { reason: 'client en difficulté' });
    const until = addDays(today, 30);
    await t.ok('POST', `/invoices/${dated.id}/pause`, { reason: 'congés du client', until });
    await t.drain();

    await runUntil(new Date(Date.parse(`${addDays(today, 25)}T12:00:00Z`)), { tenant: t.tenantId });
    await t.drain();

    for (const invoice of [open, dated]) {
      expect((await t.ok('GET', `/invoices/${invoice.id}/payment-plan`)).endReason).toBe('missed');
      expect((await t.ok('GET', `/invoices/${invoice.id}`)).remindersPaused).toBe(true);
    }
    const mails = (await inbox(owner)).filter((m) => m.subject.includes('Échéance manquée'));
    expect(mails).toHaveLength(2);
    const about = (invoice: { number: string }) => mails.find((m) => m.subject.includes(invoice.number))!.body.text;
    expect(about(open)).not.toContain('reprennent');
    expect(about(open)).toContain('Les relances de la facture étant suspendues, aucune ne repart tant que vous ne les reprenez pas.');
    const [y, m, d] = until.split('-');
    expect(about(dated)).not.toContain('reprennent là où');
    expect(about(dated)).toContain(`Les relances de la facture étant suspendues, elles reprendront le ${d}/${m}/${y}.`);
  });
});
