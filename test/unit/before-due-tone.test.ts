/**
 * A scenario may put a firmer template before the due date (a step at J-3 with the mise en demeure,
 * or J-0 with "échue"): the scenario routes accept it. On the local stack such a step emailed
 * "Mise en demeure … échue le 10/12/2026 … reste impayée depuis 0 jours" three days before the
 * invoice was due. A manual or grouped reminder already takes the courtesy template for an invoice
 * not yet overdue on the send day; the scheduled single-invoice send now does too.
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/domain/settings.js';
import type { OutgoingEmail } from '../../shared/app/ports.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import { makeSimulateReminders } from '../../shared/app/reminders/simulation.js';
import { stepRecordView } from '../../shared/app/reminders/reminder-plan-view.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import {
  aClient,
  anInvoiceRecord,
  FakeClientRepository,
  FakeInvoiceRepository,
  FakePdfRenderer,
  FakeSettingsRepository,
  FakeStepRepository,
  FakeTenantDocuments,
  fixedClock,
} from '../fixtures/fakes.js';
import { FakeReminderScheduler } from '../fixtures/more-fakes.js';

/** The consumer variant names the consumer templates (no penalties, no €40). */
const scenario = (suffix: '' | '-consumer'): Scenario => ({
  id: 'early',
  name: 'Mise en demeure avant échéance',
  steps: [
    { id: 'pre', offsetDays: -3, anchor: 'due', templateId: `formal-notice${suffix}` },
    { id: 'on-due', offsetDays: 0, anchor: 'due', templateId: `reminder${suffix}` },
    { id: 'post', offsetDays: 5, anchor: 'due', templateId: `firm${suffix}` },
  ],
});

const world = async (kind: 'business' | 'consumer') => {
  const clock = fixedClock('2026-03-02T08:00:00.000Z');
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const scenarios = new FakeTenantDocuments<Scenario>();
  const steps = new FakeStepRepository(invoices, clients);
  const sent: OutgoingEmail[] = [];
  const mailer = { send: async (m: OutgoingEmail) => (sent.push(m), { messageId: `mail-${sent.length}` }) };
  await settings.put('acme', { ...defaultSettings(), minGapDays: 0, company: { name: 'Plomberie Martin', siren: '732829320', iban: 'FR7630006000011234567890189' } });
  await scenarios.put('acme', scenario(kind === 'consumer' ? '-consumer' : ''));
  await clients.create('acme', aClient({ kind, scenarioId: 'early' }));
  // Due Thursday 12 March: J-3 is Monday 9 March, J-0 Thursday 12, J+5 Tuesday 17.
  invoices.add(anInvoiceRecord({ id: 'A', clientKind: kind, dueDate: '2026-03-12', sentAt: '2026-03-02T08:00:00.000Z' }));
  const deps = { invoices, clients, settings, scenarios, steps, clock };
  const simulate = makeSimulateReminders(deps);
  const reconcile = makeReconcileSchedules({ ...deps, scheduler: new FakeReminderScheduler() });
  const fire = makeSendReminder({ ...deps, templates: new FakeTenantDocuments<ReminderTemplate>(), mailer, pdf: new FakePdfRenderer() });
  await reconcile('acme', 'A');
  const fireStep = async (stepId: string) => {
    const record = (await steps.list('acme', 'A')).find((r) => r.stepId === stepId)!;
    clock.set(record.scheduledAt!);
    const outcome = await fire({ tenantId: 'acme', invoiceId: 'A', stepId, plan: record.plan, index: record.index, scheduledAt: record.scheduledAt!, kind: 'step' });
    await reconcile('acme', 'A');
    return outcome;
  };
  return { simulate, fireStep, sent, sentEvents: async () => (await steps.list('acme', 'A')).filter((r) => r.state === 'sent').map((r) => r.sentEvent),
    history: async () => (await steps.list('acme', 'A')).map(stepRecordView) };
};

describe('a firmer scenario step that fires before the invoice is overdue', () => {
  it('goes out in the courtesy template (no mise en demeure, no "échue", no letter), then the later steps keep their own', async () => {
    const { fireStep, sent, sentEvents, history } = await world('business');
    expect(await fireStep('pre')).toMatchObject({ outcome: 'sent' });
    expect(await fireStep('on-due')).toMatchObject({ outcome: 'sent' });
    expect(await fireStep('post')).toMatchObject({ outcome: 'sent' });
    expect(sent.map((m) => m.subject)).toEqual([
      'Facture F-2026-0001\u202f: échéance le 12/03/2026',
      'Facture F-2026-0001\u202f: échéance le 12/03/2026',
      expect.stringMatching(/^Deuxième relance\u202f: facture F-2026-0001 impayée depuis 5\u00a0jours/),
    ]);
    for (const m of sent.slice(0, 2)) {
      expect(m.text).not.toMatch(/mise en demeure|échue|impayée/i);
      expect(m.attachments?.map((a) => a.fileName).join(' ') ?? '').not.toMatch(/mise-en-demeure|demeure/i);
    }
    // The timeline's `reminder.sent` and the history (GET /invoices/{id}/reminders) say which template went out.
    expect((await sentEvents()).map((e) => e?.data.templateId)).toEqual(['courtesy', 'courtesy', 'firm']);
    expect((await history()).map((v) => [v.stepId, v.templateId])).toEqual([['pre', 'courtesy'], ['on-due', 'courtesy'], ['post', 'firm'], ['escalate', 'escalate']]);
  });

  it('takes the consumer courtesy template for a consumer', async () => {
    const { fireStep, sent } = await world('consumer');
    const outcome = await fireStep('pre');
    expect(outcome).toMatchObject({ outcome: 'sent' });
    expect(sent.map((m) => m.subject)).toEqual(['Votre facture F-2026-0001 arrive à échéance le 12/03/2026']);
  });

  it('shows in the dry run the template that will go out (GET /reminders/simulation agrees with the send)', async () => {
    const { simulate } = await world('business');
    const out = await simulate('acme', { from: '2026-03-02', to: '2026-03-31' });
    expect(out.items.filter((i) => i.action === 'send').map((i) => [i.stepId, i.templateId])).toEqual([['pre', 'courtesy'], ['on-due', 'courtesy'], ['post', 'firm']]);
    const consumer = await (await world('consumer')).simulate('acme', { from: '2026-03-02', to: '2026-03-31' });
    expect(consumer.items.filter((i) => i.action === 'send').map((i) => i.templateId)).toEqual(['courtesy-consumer', 'courtesy-consumer', 'firm-consumer']);
  });
});
