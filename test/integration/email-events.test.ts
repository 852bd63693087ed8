import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoInvoiceLedger } from '../../shared/adapters/dynamo/dynamo-invoice-ledger.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { makeRecordEmailEvent, type SesEventDetail } from '../../shared/app/reminders/email-events.js';
import { reminderRecipients } from '../../shared/app/reminders/reminder-context.js';
import { invoiceTotals } from '../../shared/domain/invoice.js';
import type { Client } from '../../shared/http/schemas/clients.js';
import { fixedClock } from '../fixtures/fakes.js';
import { RecordingMetrics } from '../fixtures/recording-metrics.js';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const invoices = new DynamoInvoiceLedger(db, inject('tableName'));
const clients = new DynamoClientRepository(db, inject('tableName'));
const clock = fixedClock('2026-11-27T08:05:00Z');
const record = makeRecordEmailEvent({ invoices, clients, clock });
const tenantId = `ev-${ulid().toLowerCase()}`;

/** The `detail` of SES configuration-set events as EventBridge delivers them (shapes from the SES event publishing docs). */
const sesEvent = (eventType: string, tags: Record<string, string>, extra: Partial<SesEventDetail> = {}): SesEventDetail => ({
  eventType,
  mail: { messageId: `0102019${ulid()}`, timestamp: '2026-11-27T08:00:01.000Z', tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, [v]])) },
  ...extra,
});

const setup = async () => {
  const at = clock.now().toISOString();
  const client: Client = { id: ulid(), name: 'Café du Port', kind: 'business', email: 'compta@cafe.test', ccEmails: [], language: 'fr', remindersEnabled: true, emailStatus: 'ok', createdAt: at, updatedAt: at };
  await clients.create(tenantId, client);
  const lines = [{ description: 'x', quantity: 1, unitPriceCents: 10_000, vatRate: 20 as const }];
  const invoice: InvoiceRecord = {
    id: ulid(), tenantId, clientId: client.id, clientKind: 'business', number: 'F-2026-0042', issueDate: '2026-11-02', dueDate: '2026-12-02',
    lines, currency: 'EUR', totals: invoiceTotals(lines), paidCents: 0, creditedCents: 0, status: 'sent', remindersPaused: false, disputed: false,
    reminderCount: 0, version: 1, createdAt: at, updatedAt: at,
  };
  await invoices.create(invoice, { at, type: 'invoice.created' });
  return { client, invoice };
};

describe('SES events reach the invoice timeline', () => {
  it('records a delivery with its message id and step', async () => {
    const { client, invoice } = await setup();
    const event = sesEvent('Delivery', { tenant: tenantId, invoice: invoice.id, client: client.id, step: 'j-5' }, { delivery: { timestamp: '2026-11-27T08:00:03.000Z', recipients: [client.email] } });
    expect(await record(event)).toBe('recorded');
    const timeline = (await invoices.timeline(tenantId, invoice.id, { limit: 50 })).items;
    expect(timeline.filter((e) => e.type.startsWith('email.'))).toEqual([{ at: '2026-11-27T08:00:03.000Z', type: 'email.delivered', data: { messageId: event.mail!.messageId, stepId: 'j-5' } }]);
    expect((await clients.get(tenantId, client.id))?.emailStatus).toBe('ok');
  });

  it('marks the client address as bouncing on a permanent bounce, not on a transient one', async () => {
    const { client, invoice } = await setup();
    const tags = { tenant: tenantId, invoice: invoice.id, client: client.id, step: 'j+1' };
    await record(sesEvent('Bounce', tags, { bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull', bouncedRecipients: [{ emailAddress: client.email }], timestamp: '2026-11-27T08:01:00.000Z' } }));
    expect((await clients.get(tenantId, client.id))?.emailStatus).toBe('ok');
    await record(sesEvent('Bounce', tags, { bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: client.email }], timestamp: '2026-11-27T08:02:00.000Z' } }));
    expect((await clients.get(tenantId, client.id))?.emailStatus).toBe('bouncing');
    // Its automatic reminders have no address left: they are skipped (`address_failing`) until it is corrected.
    expect(reminderRecipients((await clients.get(tenantId, client.id))!).to).toEqual([]);
    const types = (await invoices.timeline(tenantId, invoice.id, { limit: 50 })).items.filter((e) => e.type.startsWith('email.')).map((e) => [e.type, e.data?.bounceType]);
    expect(types).toEqual([['email.bounced', 'Transient'], ['email.bounced', 'Permanent']]);
  });

  it('flags the client when the invoice email itself hard-bounces (its tags name the invoice, not the client)', async () => {
    const { client, invoice } = await setup();
    const tags = { tenant: tenantId, invoice: invoice.id, kind: 'invoice' };
    await record(sesEvent('Bounce', tags, { bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: client.email }], timestamp: '2026-11-27T08:02:00.000Z' } }));
    expect((await clients.get(tenantId, client.id))?.emailStatus).toBe('bouncing');
  });

  it('flags exactly the copy address that bounced, never the main one, and stops everything on a complaint', async () => {
    const { client, invoice } = await setup();
    const stored = (await clients.get(tenantId, client.id))!;
    await clients.replace(tenantId, { ...stored, ccEmails: ['boss@client.test', 'accounts@client.test'] }, stored.updatedAt);
    const tags = { tenant: tenantId, invoice: invoice.id, client: client.id, step: 'j+1' };
    await record(sesEvent('Bounce', tags, { bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: 'boss@client.test' }], timestamp: '2026-11-27T08:02:00.000Z' } }));
    const flagged = (await clients.get(tenantId, client.id))!;
    expect(flagged).toMatchObject({ emailStatus: 'ok', bouncedEmails: ['boss@client.test'] });
    expect(reminderRecipients(flagged)).toEqual({ to: [client.email], cc: ['accounts@client.test'] });
    await record(sesEvent('Complaint', tags, { complaint: { timestamp: '2026-11-27T09:00:00.000Z' } }));
    expect((await clients.get(tenantId, client.id))?.complained).toBe(true);
  });

  it('counts every bounce of our emails (EmailBounces), a quote\'s, a daily overview\'s or an owner alert\'s too, and nothing else', async () => {
    const metrics = new RecordingMetrics();
    const counting = makeRecordEmailEvent({ invoices, clients, clock, metrics });
    const { client, invoice } = await setup();
    const bounce = { bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull', bouncedRecipients: [{ emailAddress: client.email }], timestamp: '2026-11-27T08:01:00.000Z' } };
    await counting(sesEvent('Bounce', { tenant: tenantId, invoice: invoice.id, client: client.id, step: 'j+1' }, bounce));
    await counting(sesEvent('Delivery', { tenant: tenantId, invoice: invoice.id, client: client.id, step: 'j+1' }, { delivery: { timestamp: '2026-11-27T08:00:03.000Z', recipients: [client.email] } }));
    expect(metrics.recorded).toEqual(['emailBounced']);
    // Sent through the same configuration set, with no invoice tag: a quote and its follow-up, the owner's emails.
    await counting(sesEvent('Bounce', { tenant: tenantId, quote: 'Q1', client: client.id, step: 'quote-follow-up' }, bounce));
    await counting(sesEvent('Bounce', { tenant: tenantId, kind: 'daily-overview' }, bounce));
    await counting(sesEvent('Bounce', { tenant: tenantId, kind: 'owner-notification' }, bounce));
    await counting(sesEvent('Complaint', { tenant: tenantId, kind: 'owner-notification' }, { complaint: { timestamp: '2026-11-27T09:00:00.000Z' } }));
    expect(metrics.recorded).toEqual(['emailBounced', 'emailBounced', 'emailBounced', 'emailBounced']);
  });

  it('ignores events without our tags or for an unknown invoice', async () => {
    expect(await record(sesEvent('Delivery', {}))).toBe('ignored');
    expect(await record(sesEvent('Delivery', { tenant: tenantId, invoice: 'nope' }))).toBe('ignored');
    expect(await record(sesEvent('Open', { tenant: tenantId, invoice: 'nope' }))).toBe('ignored');
  });

  it('ignores a Send event (a configuration set still subscribed to it): the step already records the acceptance', async () => {
    const { invoice } = await setup();
    expect(await record(sesEvent('Send', { tenant: tenantId, invoice: invoice.id, step: 'j+1' }))).toBe('ignored');
    expect((await invoices.timeline(tenantId, invoice.id, { limit: 50 })).items.filter((e) => e.type.startsWith('email.'))).toEqual([]);
  });

  it("records a reminder's delivery from its tags alone (no read of the invoice), and still reads it for a bounce", async () => {
    const { client, invoice } = await setup();
    // The same table through a client that counts its GetItem requests (a real one: nothing is faked).
    const counted = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
    let gets = 0;
    counted.middlewareStack.add((next, context) => async (args) => ((gets += context.commandName === 'GetItemCommand' ? 1 : 0), next(args)), { step: 'initialize', name: 'countGets' });
    const recordCounted = makeRecordEmailEvent({ invoices: new DynamoInvoiceLedger(counted, inject('tableName')), clients: new DynamoClientRepository(counted, inject('tableName')), clock });
    const tags = { tenant: tenantId, invoice: invoice.id, client: client.id, step: 'j+1' };
    expect(await recordCounted(sesEvent('Delivery', tags, { delivery: { timestamp: '2026-11-27T08:00:03.000Z', recipients: [client.email] } }))).toBe('recorded');
    expect(gets).toBe(0);
    expect((await invoices.timeline(tenantId, invoice.id, { limit: 50 })).items.filter((e) => e.type === 'email.delivered')).toHaveLength(1);
    await recordCounted(sesEvent('Bounce', tags, { bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: client.email }], timestamp: '2026-11-27T08:02:00.000Z' } }));
    expect(gets).toBeGreaterThan(0);
    expect((await clients.get(tenantId, client.id))?.emailStatus).toBe('bouncing');
  });
});
