/**
 * `GET /invoices/{id}/reminders/{stepId}/letter.pdf` between the send and the stream's re-plan: the plan
 * shown is computed (`projected`), no step is recorded. It answered a bare 404 for a step the plan shows;
 * now a 409 problem+json `conflict/plan-not-recorded` with a Retry-After, and a 404 only for a step the
 * plan has not (or a plan that will never be recorded: reminders off for the client). Real adapters on
 * DynamoDB Local, a table of its own (the local stack's stream reconciler never records these plans: the
 * test records it itself, as the stream would), the Scheduler emulator, the react-pdf renderer.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
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
import { AppError } from '../../shared/app/errors.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { makeGetLetterPdf } from '../../shared/app/reminders/letters.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeGetReminderPlan } from '../../shared/app/reminders/reminder-plan-view.js';
import { invoiceTotals } from '../../shared/domain/invoice.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { toProblem } from '../../shared/http/problem.js';
import type { Client } from '../../shared/http/schemas/clients.js';
import { allDocumentTemplates } from '../../shared/wiring-pdf.js';
import { ensureTable } from '../../infra/local/dynamodb-local.js';
import { fixedClock } from '../fixtures/fakes.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'eu-west-3';
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region, credentials }), { marshallOptions: { removeUndefinedValues: true } });
const table = `letters-${ulid().toLowerCase()}`;
const tenantId = `it-${ulid().toLowerCase()}`;
const invoices = new DynamoInvoiceLedger(db, table);
const clients = new DynamoClientRepository(db, table);
const steps = new DynamoStepRepository(db, table);
const settings = new DynamoSettingsRepository(db, table);
const readDeps = { invoices, clients, settings, scenarios: new DynamoTenantDocuments<Scenario>(db, table, 'SCENARIO'), steps };
const clock = fixedClock('2026-03-02T08:00:00.000Z');
const scheduler = new EventBridgeReminderScheduler(new SchedulerClient({ endpoint: inject('schedulerEndpoint'), region, credentials }), {
  groupName: 'relances-local',
  targetArn: 'arn:aws:lambda:eu-west-3:000000000000:function:send-reminder',
  roleArn: 'arn:aws:iam::000000000000:role/scheduler',
});
const reconcile = makeReconcileSchedules({ ...readDeps, scheduler, clock });
// Wired as functions/reminders/get-letter-pdf.ts wires it.
const letterPdf = makeGetLetterPdf({ steps, invoices, pdf: new ReactPdfRenderer(allDocumentTemplates), shownPlan: makeGetReminderPlan({ ...readDeps, clock }) });

const SCENARIO: Scenario = {
  id: 'canaux',
  name: 'E-mail puis lettre',
  steps: [
    { id: 'mail', offsetDays: 1, anchor: 'due', templateId: 'reminder' },
    { id: 'lettre', offsetDays: 12, anchor: 'due', templateId: 'formal-notice', channel: 'letter' },
  ],
};

/** A client of the scenario and its invoice, sent now (2 March), due 12 March: nothing recorded yet. */
const aJustSentInvoice = async (client: Partial<Client> = {}): Promise<InvoiceRecord> => {
  const at = clock.now().toISOString();
  const owner: Client = {
    id: ulid(),
    name: 'Garage Lefèvre SAS',
    kind: 'business',
    email: `garage-${ulid().toLowerCase()}@client.test`,
    ccEmails: [],
    language: 'fr',
    remindersEnabled: true,
    emailStatus: 'ok',
    scenarioId: 'canaux',
    address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris', country: 'FR' },
    createdAt: at,
    updatedAt: at,
    ...client,
  };
  await clients.create(tenantId, owner);
  const lines = [{ description: 'Révision', quantity: 1, unitPriceCents: 100_000, vatRate: 20 as const }];
  const invoice: InvoiceRecord = {
    id: ulid(),
    tenantId,
    clientId: owner.id,
    clientKind: 'business',
    number: `F-2026-${Math.floor(Math.random() * 9000) + 1000}`,
    issueDate: '2026-03-02',
    dueDate: '2026-03-12',
    lines,
    currency: 'EUR',
    totals: invoiceTotals(lines),
    paidCents: 0,
    creditedCents: 0,
    status: 'sent',
    remindersPaused: false,
    disputed: false,
    sentAt: at,
    reminderCount: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await invoices.create(invoice, { at, type: 'invoice.created' });
  return invoice;
};

/** What the route answers for this refusal (the HTTP handler maps a thrown error with toProblem). */
const answer = async (invoiceId: string, stepId: string) => {
  const error = await letterPdf(tenantId, invoiceId, stepId).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const res = toProblem(error);
  return { status: res.statusCode, headers: res.headers ?? {}, body: JSON.parse(String(res.body)) as { type: string; detail: string } };
};

beforeAll(async () => {
  await ensureTable(inject('dynamodbEndpoint'), table);
  await settings.put(tenantId, { ...defaultSettings(), company: { name: 'Plomberie Martin', siren: '732829320', iban: 'FR7630006000011234567890189' } });
  await readDeps.scenarios.put(tenantId, SCENARIO);
});

describe('a letter step asked for before the stream records the plan', () => {
  it('answers 409 conflict/plan-not-recorded with a Retry-After, then, once recorded, what the recorded step answers', async () => {
    const invoice = await aJustSentInvoice();
    // The plan shown is the computed one: the letter step is there, not recorded.
    const shown = await makeGetReminderPlan({ ...readDeps, clock })(tenantId, invoice.id);
    expect(shown.find((s) => s.stepId === 'lettre')).toMatchObject({ channel: 'letter', state: 'scheduled', projected: true });
    expect(await steps.list(tenantId, invoice.id)).toEqual([]);

    const early = await answer(invoice.id, 'lettre');
    expect(early.status).toBe(409);
    expect(early.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': '3' });
    expect(early.body).toMatchObject({ type: 'https://relances.dev/problems/conflict/plan-not-recorded', detail: 'The reminder plan of this invoice is being recorded: try again in a moment' });
    // A step the plan has not is still a 404; an email step of the plan is no letter, as once recorded.
    expect((await answer(invoice.id, 'nope')).status).toBe(404);
    expect(await answer(invoice.id, 'mail')).toMatchObject({ status: 409, body: { detail: 'Step mail is not a letter step (channel email)' } });

    // The stream records the plan: the letter exists on its day, not before (no Retry-After: retrying does not help).
    await reconcile(tenantId, invoice.id);
    const recorded = await answer(invoice.id, 'lettre');
    expect(recorded).toMatchObject({ status: 409, body: { type: 'https://relances.dev/problems/conflict', detail: 'The letter of step lettre is produced when the step is due (it is scheduled)' } });
    expect(recorded.headers['retry-after']).toBeUndefined();
  });

  it('stays a 404 when the plan will never be recorded (reminders off for the client): no promise that waiting helps', async () => {
    const invoice = await aJustSentInvoice({ remindersEnabled: false });
    await reconcile(tenantId, invoice.id);
    expect(await steps.list(tenantId, invoice.id)).toEqual([]);
    expect((await answer(invoice.id, 'lettre')).status).toBe(404);
  });
});
