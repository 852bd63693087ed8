/**
 * A scenario edited while an invoice runs it (one step removed, one moved, one added after the
 * last): the invoice gets the new scenario's steps after the last one sent, none dropped nor
 * repeated, before it reaches litigation. On the local stack, its clock moved on.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { catchUpDay, endOfDay, parisToday, runUntil } from './local-clock.js';

interface Step { stepId: string; state: string; plan: number; reason?: string; templateId: string }

describe('a scenario edited while an invoice runs it', () => {
  it('records the new scenario’s remaining steps after the last one sent, and sends them', async () => {
    const t = await freshTenant('scnedit');
    await t.ok('PUT', '/settings', companySettings);
    const steps = [
      { id: 'a', offsetDays: -3, templateId: 'courtesy' },
      { id: 'b', offsetDays: 2, templateId: 'reminder' },
      { id: 'c', offsetDays: 10, templateId: 'firm' },
      { id: 'd', offsetDays: 20, templateId: 'formal-notice' },
    ];
    const scenario = (await t.ok('POST', '/scenarios', { name: 'Perso', steps })).id as string;
    const email = uniqueEmail('scnedit');
    const clientId = (await t.ok('POST', '/clients', aBusinessClientInput({ email, scenarioId: scenario }))).id as string;
    const today = parisToday();
    const invoice = await t.ok('POST', '/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -33), dueDate: addDays(today, -3) }));
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    await t.drain();
    const stepsOf = async () => (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items as Step[];

    // b (J+2) is caught up within the next days.
    await runUntil(endOfDay(addDays(today, 5)), { tenant: t.tenantId });
    expect((await stepsOf()).find((s) => s.stepId === 'b')?.state).toBe('sent');

    // c removed, d brought forward to J+12, e added at J+30.
    await t.ok('PUT', `/scenarios/${scenario}`, {
      steps: [steps[0], steps[1], { id: 'd', offsetDays: 12, templateId: 'formal-notice' }, { id: 'e', offsetDays: 30, templateId: 'formal-notice' }],
    });
    await t.drain();
    const replanned = await stepsOf();
    expect(replanned.filter((s) => s.state === 'scheduled').map((s) => s.stepId)).toEqual(['d', 'e', 'escalate']);
    expect(replanned.filter((s) => s.plan === 1 && s.state === 'cancelled').map((s) => [s.stepId, s.reason])).toEqual([
      ['c', 'replanned'],
      ['d', 'replanned'],
      ['escalate', 'replanned'],
    ]);

    await runUntil(endOfDay(addDays(today, 90)), { tenant: t.tenantId });
    const end = await stepsOf();
    expect(end.filter((s) => s.state === 'sent').map((s) => s.stepId)).toEqual(['b', 'd', 'e']);
    expect(end.find((s) => s.stepId === 'escalate' && s.state === 'done')).toBeDefined();
    // The invoice, b's reminder, then d and e: b's text once only.
    const subjects = (await inbox(email)).map((m) => m.subject);
    expect(subjects.filter((s) => /^Relance\u202f:/.test(s))).toHaveLength(1);
    expect(subjects.filter((s) => /^Mise en demeure/.test(s))).toHaveLength(2);
  });

  it('records the escalation when litigation is switched on after the scenario ran out, and moves the invoice to litigation', async () => {
    const t = await freshTenant('litigon');
    await t.ok('PUT', '/settings', { ...companySettings, litigationAfterDays: 0 });
    const email = uniqueEmail('litigon');
    const clientId = (await t.ok('POST', '/clients', aBusinessClientInput({ email }))).id as string;
    const today = parisToday();
    const invoice = await t.ok('POST', '/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -33), dueDate: addDays(today, -3) }));
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    await t.drain();
    const stepsOf = async () => (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items as Step[];
    expect((await stepsOf()).map((s) => s.stepId)).toEqual(['j-5', 'j+1', 'j+8', 'j+15']);
    await runUntil(endOfDay(addDays(today, 30)), { tenant: t.tenantId });
    expect((await stepsOf()).filter((s) => s.state === 'sent').map((s) => s.stepId)).toEqual(['j+1', 'j+8', 'j+15']);

    await t.ok('PUT', '/settings', { litigationAfterDays: 10 });
    await t.drain();
    expect((await stepsOf()).find((s) => s.stepId === 'escalate')).toMatchObject({ state: 'scheduled', plan: 2 });
    await runUntil(endOfDay(addDays(today, 60)), { tenant: t.tenantId });
    expect((await stepsOf()).find((s) => s.stepId === 'escalate')).toMatchObject({ state: 'done', reason: 'litigation' });
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).status).toBe('litigation');
    // No reminder sent twice on the way.
    expect((await inbox(email)).filter((m) => /^Relance\u202f:/.test(m.subject))).toHaveLength(1);
  });

  it('gives a running invoice its new category’s steps after what the client got, never the same text again', async () => {
    const t = await freshTenant('catswitch');
    await t.ok('PUT', '/settings', companySettings);
    await t.ok('POST', '/scenarios', {
      name: 'Grands comptes',
      tags: ['grand-compte'],
      steps: [{ id: 'g1', offsetDays: 3, templateId: 'reminder' }, { id: 'g2', offsetDays: 12, templateId: 'firm' }, { id: 'g3', offsetDays: 25, templateId: 'formal-notice' }],
    });
    const email = uniqueEmail('catswitch');
    const clientId = (await t.ok('POST', '/clients', aBusinessClientInput({ email }))).id as string;
    const today = parisToday();
    const invoice = await t.ok('POST', '/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -50), dueDate: addDays(today, -20) }));
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    await t.drain();
    const stepsOf = async () => (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items as Step[];
    // The default scenario's J+1 (caught up) and J+8 go out.
    await runUntil(endOfDay(addDays(catchUpDay(), 9)), { tenant: t.tenantId });
    expect((await stepsOf()).filter((s) => s.state === 'sent').map((s) => s.stepId)).toEqual(['j+1', 'j+8']);

    await t.ok('PATCH', `/clients/${clientId}`, { tags: ['grand-compte'] });
    await t.drain();
    expect((await stepsOf()).filter((s) => s.state === 'scheduled').map((s) => s.stepId)).toEqual(['g3', 'escalate']);
    await runUntil(endOfDay(addDays(today, 90)), { tenant: t.tenantId });
    const subjects = (await inbox(email)).map((m) => m.subject);
    expect(subjects.filter((s) => /^Deuxième relance/.test(s))).toHaveLength(1);
    expect(subjects.filter((s) => /^Mise en demeure/.test(s))).toHaveLength(1);
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).status).toBe('litigation');
  });
  it('gives a client corrected from business to consumer the consumer texts for what is left, never a business one refused at send', async () => {
    const t = await freshTenant('kindfix');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('kindfix');
    const clientId = (await t.ok('POST', '/clients', aBusinessClientInput({ email }))).id as string;
    const today = parisToday();
    const invoice = await t.ok('POST', '/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -33), dueDate: addDays(today, -3) }));
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    await t.drain();
    const stepsOf = async () => (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items as Step[];
    // J+1 (caught up) goes out in the business text.
    await runUntil(endOfDay(catchUpDay()), { tenant: t.tenantId });
    expect((await stepsOf()).filter((s) => s.state === 'sent').map((s) => [s.stepId, s.templateId])).toEqual([['j+1', 'reminder']]);

    // The owner corrects the client's kind: a private person, who owes no penalties nor the €40.
    await t.ok('PATCH', `/clients/${clientId}`, { kind: 'consumer' });
    await t.drain();
    const pending = (await stepsOf()).filter((s) => s.state === 'scheduled');
    expect(pending.map((s) => [s.stepId, s.templateId])).toEqual([
      ['j+8', 'firm-consumer'],
      ['j+15', 'formal-notice-consumer'],
      ['escalate', 'escalate'],
    ]);

    await runUntil(endOfDay(addDays(today, 60)), { tenant: t.tenantId });
    const end = await stepsOf();
    expect(end.filter((s) => s.state === 'skipped').map((s) => s.reason)).not.toContain('template_mentions_penalties');
    expect(end.filter((s) => s.state === 'sent').map((s) => s.templateId)).toEqual(['reminder', 'firm-consumer', 'formal-notice-consumer']);
    const texts = (await inbox(email)).filter((m) => m.subject !== undefined && !/^Facture/.test(m.subject)).map((m) => m.body.text);
    expect(texts).toHaveLength(3);
    // Nothing after the correction claims the €40 or penalties.
    for (const text of texts.slice(1)) expect(text).not.toMatch(/40,00|pénalités/i);
  });
});
