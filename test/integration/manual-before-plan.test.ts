/**
 * A reminder sent by hand in the seconds after an invoice went, before the stream records the invoice's first plan:
 * that plan records the steps it stands for `skipped: manual_sent` (README "Reminder steps"), and what the owner reads
 * meanwhile says so too. `GET /invoices/{id}/reminders` (the projected plan) and the dry run showed the scenario's
 * first step still to send until the plan was recorded (README "Known issues"). Real adapters on DynamoDB Local, a
 * table of its own (the local stack's stream never records these plans: the test records it itself, as the stream
 * would), the SES emulator and the react-pdf renderer; a frozen clock.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoInvoiceLedger } from '../../shared/adapters/dynamo/dynamo-invoice-ledger.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { DynamoStepRepository } from '../../shared/adapters/dynamo/dynamo-step-repository.js';
import { DynamoTenantDocuments } from '../../shared/adapters/dynamo/dynamo-tenant-documents.js';
import { ReactPdfRenderer } from '../../shared/adapters/pdf/react-pdf-renderer.js';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-reminder-scheduler.js';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeGetReminderPlan, type PlannedStepView } from '../../shared/app/reminders/reminder-plan-view.js';
import { makeSendReminderNow } from '../../shared/app/reminders/send-reminder-now.js';
import { makeSimulateReminders } from '../../shared/app/reminders/simulation.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import { invoiceTotals } from '../../shared/domain/invoice.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import type { Client } from '../../shared/http/schemas/clients.js';
import { allDocumentTemplates } from '../../shared/wiring-pdf.js';
import { ensureTable } from '../../infra/local/dynamodb-local.js';
import { fixedClock } from '../fixtures/fakes.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'eu-west-3';
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region, credentials }), { marshallOptions: { removeUndefinedValues: true } });
const table = `manual-plan-${ulid().toLowerCase()}`;
const tenantId = `it-${ulid().toLowerCase()}`;
const invoices = new DynamoInvoiceLedger(db, table);
const clients = new DynamoClientRepository(db, table);
const steps = new DynamoStepRepository(db, table);
const settings = new DynamoSettingsRepository(db, table);
const templates = new DynamoTenantDocuments<ReminderTemplate>(db, table, 'TEMPLATE');
const readDeps = { invoices, clients, settings, scenarios: new DynamoTenantDocuments<Scenario>(db, table, 'SCENARIO'), steps };
// Mon 2 March 2026, 11:00 Paris.
const clock = fixedClock('2026-03-02T10:00:00.000Z');
const scheduler = new EventBridgeReminderScheduler(new SchedulerClient({ endpoint: inject('schedulerEndpoint'), region, credentials }), {
  groupName: 'relances-local',
  targetArn: 'arn:aws:lambda:eu-west-3:000000000000:function:send-reminder',
  roleArn: 'arn:aws:iam::000000000000:role/scheduler',
});
const reconcile = makeReconcileSchedules({ ...readDeps, scheduler, clock });
const sendNow = makeSendReminderNow({
  ...readDeps,
  templates,
  mailer: new SesMailer(new SESv2Client({ endpoint: inject('sesUrl'), region, credentials, maxAttempts: 1 }), 'factures@relances.local'),
  pdf: new ReactPdfRenderer(allDocumentTemplates),
  clock,
});
const shownPlan = makeGetReminderPlan({ ...readDeps, clock, templates });
const simulate = makeSimulateReminders({ ...readDeps, clock, templates });

/** A business client (the default B2B scenario: J-5, J+1, J+8, J+15, then the escalation) and its invoice, 20 days late, sent now: nothing recorded. */
const aLateInvoiceJustSent = async (): Promise<InvoiceRecord> => {
  const at = clock.now().toISOString();
  const client: Client = {
    id: ulid(), name: 'Garage Lefèvre SAS', kind: 'business', email: `garage-${ulid().toLowerCase()}@client.test`, ccEmails: [], language: 'fr',
    remindersEnabled: true, emailStatus: 'ok', address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris', country: 'FR' }, createdAt: at, updatedAt: at,
  };
  await clients.create(tenantId, client);
  const lines = [{ description: 'Révision', quantity: 1, unitPriceCents: 100_000, vatRate: 20 as const }];
  const invoice: InvoiceRecord = {
    id: ulid(), tenantId, clientId: client.id, clientKind: 'business', number: `F-2026-${Math.floor(Math.random() * 90000) + 10000}`,
    issueDate: '2026-01-11', dueDate: '2026-02-10', lines, currency: 'EUR', totals: invoiceTotals(lines), paidCents: 0, creditedCents: 0,
    status: 'sent', remindersPaused: false, disputed: false, sentAt: at, reminderCount: 0, version: 1, createdAt: at, updatedAt: at,
  };
  await invoices.create(invoice, { at, type: 'invoice.created' });
  return invoice;
};

/** What a plan says of each scenario step, whether computed or recorded. */
const stepsOf = (plan: readonly PlannedStepView[]) => plan.filter((s) => !s.manual).map((s) => [s.stepId, s.state, s.reason ?? null, s.scheduledAt ?? null]);
const dryRunOf = async (invoiceId: string) =>
  (await simulate(tenantId, { from: '2026-03-02', to: '2026-04-30' })).items.filter((i) => i.invoiceId === invoiceId).map((i) => [i.stepId, i.action, i.reason ?? null, i.at ?? null]);

beforeAll(async () => {
  await ensureTable(inject('dynamodbEndpoint'), table);
  await settings.put(tenantId, {
    ...defaultSettings(),
    company: { name: 'Plomberie Martin', siren: '732829320', email: 'contact@plomberie.test', iban: 'FR7630006000011234567890189', address: { line1: '4 rue du Port', postalCode: '44000', city: 'Nantes', country: 'FR' } },
  });
});

describe('a manual reminder sent before the invoice\'s first plan is recorded', () => {
  for (const { templateId, covered } of [
    { templateId: 'reminder', covered: ['j+1'] },
    // A mise en demeure by hand stands for every gentler step due within a week of it too.
    { templateId: 'formal-notice', covered: ['j+1', 'j+8'] },
  ]) {
    it(`(${templateId}) is counted by the plan shown and the dry run as the plan recorded then counts it`, { timeout: 60_000 }, async () => {
      const invoice = await aLateInvoiceJustSent();
      expect(await sendNow(tenantId, invoice.id, { templateId })).toMatchObject({ state: 'sent', manual: true });
      expect(await steps.list(tenantId, invoice.id)).toHaveLength(1);

      // Before the stream records the plan: computed, and what the manual reminder stood for is skipped.
      const projected = await shownPlan(tenantId, invoice.id);
      expect(projected.filter((s) => !s.manual).every((s) => s.projected)).toBe(true);
      for (const stepId of covered) expect(projected.find((s) => s.stepId === stepId), stepId).toMatchObject({ state: 'skipped', reason: 'manual_sent' });
      const early = await dryRunOf(invoice.id);
      expect(early.filter(([, action]) => action === 'send').map(([stepId]) => stepId)).not.toContain('j+1');
      for (const stepId of covered) expect(early.find(([id]) => id === stepId), stepId).toEqual([stepId, 'skip', 'manual_sent', expect.any(String)]);

      // The stream records it: the same steps, states, reasons and times, shown and dry-run.
      await reconcile(tenantId, invoice.id);
      const recorded = await shownPlan(tenantId, invoice.id);
      expect(recorded.some((s) => s.projected)).toBe(false);
      expect(stepsOf(projected)).toEqual(stepsOf(recorded));
      expect(early).toEqual(await dryRunOf(invoice.id));
    });
  }
});
