/**
 * A client's grouped message takes the tone of its most advanced step (issue 10): an invoice one day
 * late rides along in another invoice's mise en demeure. Its own firm reminder a week later would
 * take the tone back ("Malgré notre précédente relance" after a mise en demeure): it is skipped
 * (`group_sent`), as a step a manual reminder stood for is, and its own mise en demeure still goes.
 * Every day is a send day and there is no client gap, so the days below hold on any date.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

interface Step { stepId: string; state: string; reason?: string; messageId?: string; templateId: string }

describe('an overdue invoice grouped into a firmer message', () => {
  it('never gets a gentler reminder about it afterwards', { timeout: 120_000 }, async () => {
    const t = await freshTenant('grouped-tone');
    await t.ok('PUT', '/settings', { ...companySettings, minGapDays: 0, skipWeekends: false, skipHolidays: false, groupByClient: true });
    const email = uniqueEmail('grouped-tone');
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
    // A's J+15 (mise en demeure) and B's J+1 fall on the same day, D+15.
    const due = addDays(parisToday(), 10);
    const send = async (dueDate: string) => {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate }));
      return { id: draft.id as string, number: (await t.ok('POST', `/invoices/${draft.id}/send`)).number as string };
    };
    const a = await send(due);
    const b = await send(addDays(due, 14));
    await t.drain();
    // The dry run says so beforehand.
    const sim = (await t.ok('GET', `/reminders/simulation?to=${addDays(due, 30)}`)).items as { invoiceId: string; stepId: string; action: string; reason?: string }[];
    expect(sim.filter((i) => i.invoiceId === b.id).map((i) => [i.stepId, i.action, i.reason])).toEqual([
      ['j-5', 'send', undefined],
      ['j+1', 'send', undefined],
      ['j+8', 'skip', 'group_sent'],
      ['j+15', 'send', undefined],
    ]);
    await runUntil(endOfDay(addDays(due, 30)), { tenant: t.tenantId });

    const steps = async (id: string) => (await t.ok('GET', `/invoices/${id}/reminders`)).items as Step[];
    const stepOf = (list: Step[], stepId: string) => list.find((s) => s.stepId === stepId)!;
    const [sa, sb] = [await steps(a.id), await steps(b.id)];
    // The grouped mise en demeure: A's J+15 and B's J+1, one message.
    expect(stepOf(sa, 'j+15')).toMatchObject({ state: 'sent' });
    expect(stepOf(sb, 'j+1')).toMatchObject({ state: 'sent', messageId: stepOf(sa, 'j+15').messageId });
    // B's firm reminder would follow its mise en demeure: skipped; its own mise en demeure goes.
    expect(stepOf(sb, 'j+8')).toMatchObject({ state: 'skipped', reason: 'group_sent' });
    expect(stepOf(sb, 'j+15')).toMatchObject({ state: 'sent' });

    const subjects = (await inbox(email)).filter((m) => m.body.text?.includes(b.number)).map((m) => m.subject);
    const notice = subjects.findIndex((s) => s.startsWith('Mise en demeure'));
    expect(notice, JSON.stringify(subjects)).toBeGreaterThan(-1);
    expect(subjects.slice(notice + 1).filter((s) => !s.startsWith('Mise en demeure')), JSON.stringify(subjects)).toEqual([]);
    // A's own steps are as planned (the lead of the message skips nothing of its own).
    expect(sa.filter((s) => s.reason === 'group_sent')).toEqual([]);
  });
});
