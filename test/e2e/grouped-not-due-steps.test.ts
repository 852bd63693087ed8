/**
 * A client's manual or mass reminder that names a firm template and lists an invoice not due yet (issue 10): the
 * message words that invoice "à échéance le …" and the mise en demeure attached leaves it out, so the client was told
 * nothing about it being late. Its own overdue reminders (J+1, J+8) must still go out: they were recorded `skipped:
 * manual_sent` as if the client had been sent the mise en demeure about it, so its first overdue message would have
 * been the mise en demeure "malgré nos précédentes relances" weeks later. The overdue invoice's steps are covered.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

interface Step { stepId: string; state: string; reason?: string; manual?: boolean; templateId: string }

const mixedClient = async (t: FreshTenant, label: string) => {
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail(label) }));
  const today = parisToday();
  const ids: string[] = [];
  for (const offset of [-12, 10]) {
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -30), dueDate: addDays(today, offset) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    ids.push(draft.id);
  }
  await t.drain();
  return { clientId: client.id as string, late: ids[0]!, notDue: ids[1]! };
};

const steps = async (t: FreshTenant, id: string) => {
  await t.drain();
  const items = (await t.ok('GET', `/invoices/${id}/reminders`)).items as Step[];
  return Object.fromEntries(items.map((s) => [s.manual ? 'manual' : s.stepId, s]));
};

describe('an invoice not due yet in a firmer grouped reminder', () => {
  it('keeps its own overdue reminders after a manual mise en demeure about the client’s late invoice', { timeout: 60_000 }, async () => {
    const t = await freshTenant('notdue-manual');
    await t.ok('PUT', '/settings', companySettings);
    const { clientId, late, notDue } = await mixedClient(t, 'notdue-manual');
    const sent = await t.call('POST', `/clients/${clientId}/reminders`, { templateId: 'formal-notice', force: true });
    expect(sent.status).toBe(201);
    const lateSteps = await steps(t, late);
    expect(lateSteps['j+1']).toMatchObject({ state: 'skipped', reason: 'manual_sent' });
    expect(lateSteps['j+8']).toMatchObject({ state: 'skipped', reason: 'manual_sent' });
    const notDueSteps = await steps(t, notDue);
    expect(notDueSteps['j+1']).toMatchObject({ state: 'scheduled' });
    expect(notDueSteps['j+8']).toMatchObject({ state: 'scheduled' });
    expect(notDueSteps['j+15']).toMatchObject({ state: 'scheduled' });
    // The record shows the message it went out in (the proof file's account of it).
    expect(notDueSteps.manual).toMatchObject({ state: 'sent', templateId: 'formal-notice' });
  });

  it('does the same in a mass send naming the firm reminder', { timeout: 60_000 }, async () => {
    const t = await freshTenant('notdue-batch');
    await t.ok('PUT', '/settings', companySettings);
    const { late, notDue } = await mixedClient(t, 'notdue-batch');
    const res = await t.ok('POST', '/reminders/batch', { invoiceIds: [late, notDue], templateId: 'firm' });
    expect(res.totals.sent).toBe(2);
    expect((await steps(t, late))['j+1']).toMatchObject({ state: 'skipped', reason: 'manual_sent' });
    const notDueSteps = await steps(t, notDue);
    expect(notDueSteps['j+1']).toMatchObject({ state: 'scheduled' });
    expect(notDueSteps['j+8']).toMatchObject({ state: 'scheduled' });
  });
});
