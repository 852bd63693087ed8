/**
 * A letter withdrawn before it is posted never reached the client: the client's gap claim it took when it was
 * produced is given back (README "Known issues" had it holding `minGapDays` as if it had gone), and only then:
 * a letter posted, or a message claimed since, keeps the gap (invariant 4 of the engine). Real adapters on
 * DynamoDB Local, a table of its own (the local stack's stream never acts on it: the test plays the stream by
 * calling the reconciler), the SES and Scheduler emulators, the react-pdf renderer; a frozen clock the test moves.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoInvoiceLedger } from '../../shared/adapters/dynamo/dynamo-invoice-ledger.js';
import { DynamoLetterSteps } from '../../shared/adapters/dynamo/dynamo-letter-steps.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { DynamoTenantDocuments } from '../../shared/adapters/dynamo/dynamo-tenant-documents.js';
import { ReactPdfRenderer } from '../../shared/adapters/pdf/react-pdf-renderer.js';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-reminder-scheduler.js';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer.js';
import { ConflictError } from '../../shared/app/errors.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { makeRecordPayment } from '../../shared/app/payments.js';
import { makeCancelReminderStep } from '../../shared/app/reminders/cancel-step.js';
import { makeMarkLetterPosted } from '../../shared/app/reminders/letters.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSendReminderNow } from '../../shared/app/reminders/send-reminder-now.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import { invoiceTotals } from '../../shared/domain/invoice.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import type { Client } from '../../shared/http/schemas/clients.js';
import { allDocumentTemplates } from '../../shared/wiring-pdf.js';
import { ensureTable } from '../../infra/local/dynamodb-local.js';
import { fixedClock, sequentialIds } from '../fixtures/fakes.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'eu-west-3';
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region, credentials }), { marshallOptions: { removeUndefinedValues: true } });
const table = `letter-gap-${ulid().toLowerCase()}`;
const tenantId = `it-${ulid().toLowerCase()}`;
const invoices = new DynamoInvoiceLedger(db, table);
const clients = new DynamoClientRepository(db, table);
const steps = new DynamoLetterSteps(db, table);
const settings = new DynamoSettingsRepository(db, table);
const readDeps = { invoices, clients, settings, scenarios: new DynamoTenantDocuments<Scenario>(db, table, 'SCENARIO'), steps };
// Mon 2 March 2026, 10:00 Paris: the invoices are sent, due today; their letter is due Thu 5 March 09:00 Paris.
const clock = fixedClock('2026-03-02T09:00:00.000Z');
const LETTER_AT = '2026-03-05T08:00:00.000Z';
const scheduler = new EventBridgeReminderScheduler(new SchedulerClient({ endpoint: inject('schedulerEndpoint'), region, credentials }), {
  groupName: 'relances-local',
  targetArn: 'arn:aws:lambda:eu-west-3:000000000000:function:send-reminder',
  roleArn: 'arn:aws:iam::000000000000:role/scheduler',
});
const sendDeps = {
  ...readDeps,
  templates: new DynamoTenantDocuments<ReminderTemplate>(db, table, 'TEMPLATE'),
  mailer: new SesMailer(new SESv2Client({ endpoint: inject('sesUrl'), region, credentials, maxAttempts: 1 }), 'factures@relances.local'),
  pdf: new ReactPdfRenderer(allDocumentTemplates),
  clock,
};
const reconcile = makeReconcileSchedules({ ...readDeps, scheduler, clock });
const fire = makeSendReminder(sendDeps);
const sendNow = makeSendReminderNow(sendDeps);
const pay = makeRecordPayment({ invoices, settings, clock, ids: sequentialIds('01PAYGAP') });
const cancelStep = makeCancelReminderStep({ invoices, steps, clock });
const markPosted = makeMarkLetterPosted({ steps, invoices, clock });

const SCENARIO: Scenario = { id: 'lettre', name: 'Lettre', steps: [{ id: 'lettre', offsetDays: 3, anchor: 'due', templateId: 'formal-notice', channel: 'letter' }] };

const aClient = async (): Promise<Client> => {
  const at = clock.now().toISOString();
  const client: Client = {
    id: ulid(),
    name: 'Garage Lefèvre SAS',
    kind: 'business',
    email: `garage-${ulid().toLowerCase()}@client.test`,
    ccEmails: [],
    language: 'fr',
    remindersEnabled: true,
    emailStatus: 'ok',
    scenarioId: 'lettre',
    address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris', country: 'FR' },
    createdAt: at,
    updatedAt: at,
  };
  await clients.create(tenantId, client);
  return client;
};

/** An invoice of `client` sent now (Mon 2 March), its plan recorded (the stream's re-plan). */
const anInvoice = async (client: Client, dueDate = '2026-03-02', cents = 100_000): Promise<InvoiceRecord> => {
  const at = clock.now().toISOString();
  const lines = [{ description: 'Révision', quantity: 1, unitPriceCents: cents, vatRate: 20 as const }];
  const invoice: InvoiceRecord = {
    id: ulid(), tenantId, clientId: client.id, clientKind: 'business', number: `F-2026-${Math.floor(Math.random() * 90000) + 10000}`,
    issueDate: '2026-02-02', dueDate, lines, currency: 'EUR', totals: invoiceTotals(lines), paidCents: 0, creditedCents: 0,
    status: 'sent', remindersPaused: false, disputed: false, sentAt: at, reminderCount: 0, version: 1, createdAt: at, updatedAt: at,
  };
  await invoices.create(invoice, { at, type: 'invoice.created' });
  await reconcile(tenantId, invoice.id);
  return invoice;
};

const letterStep = async (invoiceId: string) => (await steps.list(tenantId, invoiceId)).filter((r) => r.stepId === 'lettre').sort((a, b) => b.plan - a.plan)[0]!;

/** Fires the letter step of `invoiceId` at its time (the Scheduler's input), the clock moved there. */
const fireLetter = async (invoiceId: string) => {
  const r = await letterStep(invoiceId);
  clock.set(r.scheduledAt!);
  return fire({ tenantId, invoiceId, stepId: r.stepId, plan: r.plan, index: r.index, scheduledAt: r.scheduledAt!, scheduledTime: r.scheduledAt! });
};

const lastMessageDate = async (clientId: string) => (await clients.get(tenantId, clientId))!.lastMessageDate;

/** A manual email on `invoiceId` now, without forcing the gap: its state, or the 409 that refused it. */
const manual = (invoiceId: string, force = false) =>
  sendNow(tenantId, invoiceId, { templateId: 'reminder', force }).then(
    (view) => view.state as string,
    (error: unknown) => (error instanceof ConflictError ? `409: ${error.message}` : Promise.reject(error)),
  );

beforeAll(async () => {
  await ensureTable(inject('dynamodbEndpoint'), table);
  await settings.put(tenantId, { ...defaultSettings(), minGapDays: 3, company: { name: 'Plomberie Martin', siren: '732829320', email: 'contact@plomberie.test', iban: 'FR7630006000011234567890189', address: { line1: '4 rue du Port', postalCode: '44000', city: 'Nantes', country: 'FR' } } });
  await readDeps.scenarios.put(tenantId, SCENARIO);
});

describe('a letter withdrawn before it is posted', () => {
  it('gives the client its gap back on a partial payment: an email goes the same day, and the letter produced again waits for the gap of that email', { timeout: 60_000 }, async () => {
    clock.set('2026-03-02T09:00:00.000Z');
    const client = await aClient();
    const a = await anInvoice(client);
    const b = await anInvoice(client, '2026-03-20');
    expect(await fireLetter(a.id)).toMatchObject({ outcome: 'to_post' });
    expect(await lastMessageDate(client.id)).toBe('2026-03-05');

    // A partial payment an hour later: the letter claimed the old balance, it goes back to `scheduled`.
    clock.set('2026-03-05T09:00:00.000Z');
    await pay(tenantId, a.id, { amountCents: 30_000, date: '2026-03-05', method: 'transfer' });
    await reconcile(tenantId, a.id);
    const redone = await letterStep(a.id);
    expect(redone).toMatchObject({ state: 'scheduled', reason: 'balance_changed' });
    // It never reached the client: no message on record (none before it).
    expect(await lastMessageDate(client.id)).toBeUndefined();

    // The client's other invoice can be reminded the same day: it was refused for the gap (409) before.
    clock.set('2026-03-05T10:00:00.000Z');
    expect(await manual(b.id)).toBe('sent');
    expect(await lastMessageDate(client.id)).toBe('2026-03-05');

    // The letter produced again at its window keeps invariant 4: that email went out, so it waits the gap.
    const at = (await letterStep(a.id)).scheduledAt!;
    expect(at).toBe('2026-03-06T08:00:00.000Z');
    expect(await fireLetter(a.id)).toMatchObject({ outcome: 'moved', reason: 'gap' });
    const moved = await letterStep(a.id);
    expect(moved.state).toBe('scheduled');
    expect(moved.scheduledAt! >= '2026-03-08').toBe(true);
  });

  it('gives back the claim of a letter listing several invoices (its lead step holds it) once the whole envelope is withdrawn', { timeout: 60_000 }, async () => {
    clock.set('2026-03-02T09:00:00.000Z');
    const client = await aClient();
    const [a, b] = [await anInvoice(client), await anInvoice(client, '2026-03-02', 50_000)];
    const other = await anInvoice(client, '2026-03-20');
    expect(await fireLetter(a.id)).toMatchObject({ outcome: 'to_post', grouped: expect.arrayContaining([a.id, b.id]) });
    expect((await letterStep(b.id)).state).toBe('to_post');
    expect(await lastMessageDate(client.id)).toBe('2026-03-05');

    clock.set('2026-03-05T09:00:00.000Z');
    await pay(tenantId, b.id, { amountCents: 10_000, date: '2026-03-05', method: 'transfer' });
    await reconcile(tenantId, b.id);
    expect([(await letterStep(a.id)).state, (await letterStep(b.id)).state]).toEqual(['scheduled', 'scheduled']);
    expect(await lastMessageDate(client.id)).toBeUndefined();
    clock.set('2026-03-05T10:00:00.000Z');
    expect(await manual(other.id)).toBe('sent');
  });

  it('gives it back when the invoice is paid (the letter cancelled) or the owner decides not to post it', { timeout: 60_000 }, async () => {
    for (const how of ['paid', 'owner'] as const) {
      clock.set('2026-03-02T09:00:00.000Z');
      const client = await aClient();
      const a = await anInvoice(client);
      // An earlier message to the client: the one the gap counts from again once the letter is withdrawn.
      expect(await manual(a.id)).toBe('sent');
      expect(await fireLetter(a.id)).toMatchObject({ outcome: 'to_post' });
      expect(await lastMessageDate(client.id)).toBe('2026-03-05');
      clock.set('2026-03-05T09:00:00.000Z');
      if (how === 'paid') {
        await pay(tenantId, a.id, { amountCents: 120_000, date: '2026-03-05', method: 'transfer' });
        await reconcile(tenantId, a.id);
        expect(await letterStep(a.id)).toMatchObject({ state: 'cancelled', reason: 'paid' });
      } else {
        expect(await cancelStep(tenantId, a.id, 'lettre')).toMatchObject({ state: 'cancelled', reason: 'owner_cancelled' });
      }
      expect(await lastMessageDate(client.id), how).toBe('2026-03-02');
    }
  });

  it('keeps the gap when the letter was posted, or when a message claimed it since', { timeout: 60_000 }, async () => {
    // Posted: it went out; a payment afterwards changes nothing to the gap.
    clock.set('2026-03-02T09:00:00.000Z');
    const client = await aClient();
    const a = await anInvoice(client);
    const b = await anInvoice(client, '2026-03-20');
    expect(await fireLetter(a.id)).toMatchObject({ outcome: 'to_post' });
    clock.set('2026-03-05T09:00:00.000Z');
    await markPosted(tenantId, a.id, 'lettre', {});
    await pay(tenantId, a.id, { amountCents: 30_000, date: '2026-03-05', method: 'transfer' });
    await reconcile(tenantId, a.id);
    expect(await lastMessageDate(client.id)).toBe('2026-03-05');
    clock.set('2026-03-05T10:00:00.000Z');
    expect(await manual(b.id)).toMatch(/^409: This client received a message on 2026-03-05/);

    // An email forced through the gap after the letter holds the claim: withdrawing the letter leaves it.
    clock.set('2026-03-02T09:00:00.000Z');
    const c2 = await aClient();
    const x = await anInvoice(c2);
    const y = await anInvoice(c2, '2026-03-20');
    expect(await fireLetter(x.id)).toMatchObject({ outcome: 'to_post' });
    clock.set('2026-03-06T09:00:00.000Z');
    expect(await manual(y.id, true)).toBe('sent');
    await pay(tenantId, x.id, { amountCents: 30_000, date: '2026-03-06', method: 'transfer' });
    await reconcile(tenantId, x.id);
    expect((await letterStep(x.id)).state).toBe('scheduled');
    expect(await lastMessageDate(c2.id)).toBe('2026-03-06');

    // A letter listing two invoices, one of its steps posted when a payment withdraws the other: it went, the claim stays.
    clock.set('2026-03-02T09:00:00.000Z');
    const c3 = await aClient();
    const [p, q] = [await anInvoice(c3), await anInvoice(c3, '2026-03-02', 50_000)];
    expect(await fireLetter(p.id)).toMatchObject({ outcome: 'to_post', grouped: expect.arrayContaining([p.id, q.id]) });
    clock.set('2026-03-05T09:00:00.000Z');
    // Posting closes the envelope's steps one by one: caught between the two, a payment on the other invoice.
    expect(await steps.recordPosted(tenantId, p.id, await letterStep(p.id), { at: clock.now().toISOString() })).toBe(true);
    await pay(tenantId, q.id, { amountCents: 10_000, date: '2026-03-05', method: 'transfer' });
    await reconcile(tenantId, q.id);
    expect((await letterStep(q.id)).state).toBe('scheduled');
    expect(await lastMessageDate(c3.id)).toBe('2026-03-05');
  });
});
