import { describe, expect, it } from 'vitest';
import { ConflictError, UpstreamError } from '../../shared/app/errors.js';
import { makeSendReminderNow } from '../../shared/app/reminders/send-reminder-now.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { aClient, anInvoiceRecord, FakeClientRepository, FakeInvoiceRepository, FakeMailer, FakePdfRenderer, FakeSettingsRepository, FakeStepRepository, FakeTenantDocuments, fixedClock } from '../fixtures/fakes.js';

const TENANT = 't1';

const world = async (dueDate = '2026-03-01') => {
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const steps = new FakeStepRepository(invoices, clients);
  const mailer = new FakeMailer();
  await clients.create(TENANT, aClient({ id: 'c1', email: 'compta@client.test' }));
  const invoice = anInvoiceRecord({ id: 'inv1', tenantId: TENANT, clientId: 'c1', number: 'F-2026-0001', dueDate, status: 'sent' });
  invoices.add(invoice);
  const send = makeSendReminderNow({
    invoices, clients, settings, steps, mailer,
    scenarios: new FakeTenantDocuments<Scenario>(),
    templates: new FakeTenantDocuments<ReminderTemplate>(),
    pdf: new FakePdfRenderer(),
    clock: fixedClock('2026-03-20T10:00:00.000Z'),
  });
  return { send, mailer, steps, invoice };
};

describe('a reminder sent by hand, template not given', () => {
  it('takes the first overdue reminder before its plan is recorded, never a mise en demeure to a client never reminded, nor the escalation step', async () => {
    const { send, mailer } = await world();
    // No step recorded yet (the stream has not planned the invoice), 19 days late: the catch-up rule's J+1.
    const sent = await send(TENANT, 'inv1', {});
    expect(sent.templateId).toBe('reminder');
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.subject).not.toMatch(/mise en demeure/i);
  });

  it('takes the next recorded step, skipping a pending escalation', async () => {
    const { send, steps } = await world();
    await steps.createPlan(TENANT, 'inv1', [
      { plan: 1, index: 3, stepId: 'j+15', templateId: 'formal-notice', beforeDue: false, state: 'sent', at: '2026-03-16T08:00:00.000Z' },
      { plan: 1, index: 4, stepId: 'escalate', templateId: 'escalate', beforeDue: false, state: 'scheduled', scheduledAt: '2026-03-31T08:00:00.000Z', localTime: '2026-03-31T09:00:00', at: '2026-03-16T08:00:00.000Z' },
    ] as never);
    expect((await send(TENANT, 'inv1', {})).templateId).toBe('formal-notice');
  });
});

describe('a reminder sent by hand before the due date', () => {
  // Due on 2026-04-10, today is 2026-03-20: not late.
  const notDueWorld = () => world('2026-04-10');

  it('sends the courtesy template instead of a firmer one the owner names, and says so', async () => {
    const { send, mailer, steps } = await notDueWorld();
    const sent = await send(TENANT, 'inv1', { templateId: 'formal-notice' });
    expect(sent.templateId).toBe('courtesy');
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.subject).not.toMatch(/mise en demeure|échu|impayé/i);
    expect((await steps.list(TENANT, 'inv1')).find((r) => r.manual)?.templateId).toBe('courtesy');
  });

  it('sends the courtesy template instead of the firmer one the scenario would pick', async () => {
    const { send, mailer, steps } = await notDueWorld();
    // J-5 already went out: the scenario's next step is J+1 ("reminder"), which would call the invoice overdue.
    await steps.createPlan(TENANT, 'inv1', [
      { plan: 1, index: 0, stepId: 'j-5', templateId: 'courtesy', beforeDue: true, state: 'sent', at: '2026-03-18T08:00:00.000Z' },
      { plan: 1, index: 1, stepId: 'j+1', templateId: 'reminder', beforeDue: false, state: 'scheduled', scheduledAt: '2026-04-13T07:00:00.000Z', localTime: '2026-04-13T09:00:00', at: '2026-03-18T08:00:00.000Z' },
    ] as never);
    const sent = await send(TENANT, 'inv1', {});
    expect(sent.templateId).toBe('courtesy');
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.subject).not.toMatch(/échu|impayé|retard/i);
  });

  it('sends a courtesy template the owner names', async () => {
    const { send, mailer } = await notDueWorld();
    expect((await send(TENANT, 'inv1', { templateId: 'courtesy' })).templateId).toBe('courtesy');
    expect(mailer.sent).toHaveLength(1);
  });
});

describe('a reminder sent by hand that failed', () => {
  it('is retried at once, within the same second, and the retry goes; then one reminder a day still holds', async () => {
    const invoices = new FakeInvoiceRepository();
    const clients = new FakeClientRepository();
    const retrySteps = new FakeStepRepository(invoices, clients);
    await clients.create(TENANT, aClient({ id: 'c1', email: 'compta@client.test' }));
    invoices.add(anInvoiceRecord({ id: 'inv1', tenantId: TENANT, clientId: 'c1', number: 'F-2026-0001', dueDate: '2026-03-01', status: 'sent' }));
    // SES refuses the first email only.
    let calls = 0;
    const mailer = {
      send: async () => {
        if (++calls === 1) throw Object.assign(new Error('Sending paused for this account'), { name: 'SendingPausedException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
        return { messageId: `msg-${calls}` };
      },
    };
    // One instant for every call: the retry falls in the failed send's second.
    const send = makeSendReminderNow({
      invoices, clients, settings: new FakeSettingsRepository(), steps: retrySteps, mailer,
      scenarios: new FakeTenantDocuments<Scenario>(),
      templates: new FakeTenantDocuments<ReminderTemplate>(),
      pdf: new FakePdfRenderer(),
      clock: fixedClock('2026-03-20T10:00:00.000Z'),
    });
    await expect(send(TENANT, 'inv1', {})).rejects.toBeInstanceOf(UpstreamError);
    const retried = await send(TENANT, 'inv1', {});
    expect(retried.state).toBe('sent');
    expect(calls).toBe(2);
    const manual = (await retrySteps.list(TENANT, 'inv1')).filter((r) => r.manual);
    expect(manual.map((r) => r.state).sort()).toEqual(['failed', 'sent']);
    expect(new Set(manual.map((r) => r.index)).size).toBe(2);
    // Each attempt has an id of its own in GET /invoices/{id}/reminders: the failed one, then the retry.
    expect(manual.sort((a, b) => a.index - b.index).map((r) => [r.stepId, r.state])).toEqual([['manual-2026-03-20', 'failed'], ['manual-2026-03-20-2', 'sent']]);
    // Sent today: a third one, even in that same second, is refused by the day rule, not let through by a fresh key.
    await expect(send(TENANT, 'inv1', {})).rejects.toBeInstanceOf(ConflictError);
    expect(calls).toBe(2);
  });
});
