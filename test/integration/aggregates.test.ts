import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoAggregateStore } from '../../shared/adapters/dynamo/dynamo-aggregate-store.js';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoInvoiceRepository } from '../../shared/adapters/dynamo/dynamo-invoice-repository.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { aggregatePk, contributionKey, eventKey, parseItemKey } from '../../shared/adapters/dynamo/keys.js';
import { aggregateChangeTarget } from '../../shared/app/aggregates/stream-changes.js';
import { makeRebuildAggregates } from '../../shared/app/aggregates/rebuild-aggregates.js';
import { makeUpdateAggregatesBatch } from '../../shared/app/aggregates/update-aggregates-batch.js';
import { makeUpdateInvoiceAggregates } from '../../shared/app/aggregates/update-invoice-aggregates.js';
import { clientItem } from '../../shared/domain/aggregates.js';
import { draftInvoice } from '../../shared/app/invoices.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';

const raw = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
const db = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
const table = inject('tableName');
const invoices = new DynamoInvoiceRepository(db, table);
const aggregates = new DynamoAggregateStore(db, table);
const settings = new DynamoSettingsRepository(db, table);
const updateBatch = makeUpdateAggregatesBatch({ aggregates, settings, clients: new DynamoClientRepository(db, table) });
const rebuild = makeRebuildAggregates({ aggregates, settings });

const tenantId = `agg-${ulid().toLowerCase()}`;
const at = '2026-03-01T10:00:00.000Z';
const lines = [{ description: 'Pose', quantity: 1, unitPriceCents: 100_000, vatRate: 20 as const }]; // gross 1,200.00

/** Stream records as Lambda receives them: keys only matter to the consumer. */
const record = (PK: string, SK: string, eventName: 'INSERT' | 'MODIFY' = 'MODIFY'): DynamoDBRecord =>
  ({ eventName, dynamodb: { Keys: marshall({ PK, SK }) as never } }) as DynamoDBRecord;
const targetsOf = (records: DynamoDBRecord[]) =>
  records.flatMap((r) => {
    const t = aggregateChangeTarget(parseItemKey({ PK: (r.dynamodb!.Keys as any).PK.S, SK: (r.dynamodb!.Keys as any).SK.S }), r.eventName);
    return t ? [t] : [];
  });

let invoice: InvoiceRecord;
let records: DynamoDBRecord[];

beforeAll(async () => {
  const draft = draftInvoice({ id: ulid(), tenantId, clientId: 'c1', clientKind: 'business', issueDate: '2026-02-01', dueDate: '2026-03-03', lines, at });
  await invoices.create(draft, { at, type: 'invoice.created' });
  const sent: InvoiceRecord = { ...draft, status: 'sent', number: 'F-2026-0001', sentAt: at, version: 1 };
  await invoices.save(sent);
  const p1 = { id: ulid(), invoiceId: draft.id, amountCents: 20_000, date: '2026-02-20', method: 'transfer', createdAt: at };
  const afterP1: InvoiceRecord = { ...sent, paidCents: 20_000, status: 'partially_paid', version: 2 };
  await invoices.save(afterP1, { addPayment: p1 });
  const p2 = { id: ulid(), invoiceId: draft.id, amountCents: 30_000, date: '2026-02-25', method: 'transfer', createdAt: at };
  invoice = { ...afterP1, paidCents: 50_000, version: 3 };
  await invoices.save(invoice, { addPayment: p2 });
  const pk = `T#${tenantId}#INV#${draft.id}`;
  records = [record(pk, '#INVOICE', 'INSERT'), record(pk, 'EVENT#x', 'INSERT'), record(pk, '#INVOICE'), record(pk, 'PAYMENT#' + p1.id, 'INSERT'), record(pk, '#INVOICE'), record(pk, 'PAYMENT#' + p2.id, 'INSERT'), record(pk, '#INVOICE')];
});

const figures = async () => {
  const [client] = await aggregates.clients(tenantId);
  const days = await aggregates.days(tenantId, '2026-01-01', '2026-12-31');
  const moves = await aggregates.moves(tenantId, '2026-01-01', '2026-12-31');
  return { client, days: Object.fromEntries(days.map((d) => [d.date, d.counters])), moves: Object.fromEntries(moves.map((d) => [d.date, d.counters])) };
};

const EXPECTED = {
  client: { clientId: 'c1', balanceCents: 70_000, openInvoices: 1, open: [{ dueDate: '2026-03-03', balanceCents: 70_000 }] },
  days: {
    '2026-02-01': { invoicedCents: 120_000 },
    '2026-02-20': { collectedCents: 20_000 },
    '2026-02-25': { collectedCents: 30_000 },
  },
  // `O#`/`N#`: the open balance history by client and due date (what a past asOf takes back), apart
  // from the day items (which that day's reminders update).
  moves: {
    '2026-02-01': { 'O#c1#2026-03-03': 120_000, 'N#c1#2026-03-03': 1 },
    '2026-02-20': { 'O#c1#2026-03-03': -20_000 },
    '2026-02-25': { 'O#c1#2026-03-03': -30_000 },
  },
};

const expectExact = async () => {
  const { client, days, moves } = await figures();
  expect(client).toMatchObject({ ...EXPECTED.client, open: [{ invoiceId: invoice.id, ...EXPECTED.client.open[0] }] });
  expect(days).toEqual(EXPECTED.days);
  expect(moves).toEqual(EXPECTED.moves);
};

describe('aggregates maintained from the stream', () => {
  it('count each invoice once, whatever the order and number of deliveries', async () => {
    await updateBatch(targetsOf(records));
    await expectExact();
    // The snapshot keeps its counters under the items' keys: the form the tables already hold.
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: contributionKey(tenantId, invoice.id), ConsistentRead: true }));
    expect(Item?.counters).toEqual({
      'CLIENT#c1|balanceCents': 70_000, 'CLIENT#c1|openInvoices': 1,
      'DAY#2026-02-01|invoicedCents': 120_000, 'DAY#2026-02-20|collectedCents': 20_000, 'DAY#2026-02-25|collectedCents': 30_000,
      'MOVES#2026-02-01|O#c1#2026-03-03': 120_000, 'MOVES#2026-02-01|N#c1#2026-03-03': 1, 'MOVES#2026-02-20|O#c1#2026-03-03': -20_000, 'MOVES#2026-02-25|O#c1#2026-03-03': -30_000,
    });
    // The same records again, reversed, duplicated, and in concurrent batches (as retries and the live consumer deliver them).
    const replay = [...records].reverse();
    await Promise.all([updateBatch(targetsOf([...replay, ...records])), updateBatch(targetsOf(replay)), updateBatch(targetsOf(records))]);
    await expectExact();
  });

  it('write nothing for a record that changes nothing they show (what DynamoDB reads back has its own key order)', async () => {
    const update = makeUpdateInvoiceAggregates({ aggregates, settings, clients: new DynamoClientRepository(db, table) });
    expect(await update(tenantId, invoice.id)).toBe('unchanged');
    expect(await update(tenantId, invoice.id)).toBe('unchanged');
  });

  it('follow a payment removed after the fact, still exactly', async () => {
    const payments = await invoices.payments(tenantId, invoice.id);
    const p1 = payments.find((p) => p.amountCents === 20_000)!;
    invoice = { ...invoice, paidCents: 30_000, version: invoice.version + 1 };
    await invoices.save(invoice, { removePayment: { ...p1, removedAt: at } });
    const pk = `T#${tenantId}#INV#${invoice.id}`;
    await Promise.all([updateBatch(targetsOf([record(pk, `PAYMENT#${p1.id}`), record(pk, '#INVOICE')])), updateBatch(targetsOf([record(pk, '#INVOICE')]))]);
    const { client, days, moves } = await figures();
    expect(client!.balanceCents).toBe(90_000);
    expect(days['2026-02-20']).toEqual({ collectedCents: 0 });
    expect(days['2026-02-25']).toEqual({ collectedCents: 30_000 });
    expect(moves['2026-02-20']).toEqual({ 'O#c1#2026-03-03': 0 });
    expect(moves['2026-02-25']).toEqual({ 'O#c1#2026-03-03': -30_000 });
  });

  it('the rebuild finds no drift on maintained figures, reports a tampered one, and repairs it', async () => {
    expect((await rebuild(tenantId, { fix: false })).drift).toEqual([]);
    await raw.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall({ PK: aggregatePk(tenantId), SK: 'CLIENT#c1' }),
        UpdateExpression: 'ADD balanceCents :x',
        ExpressionAttributeValues: marshall({ ':x': 555 }),
      }),
    );
    const report = await rebuild(tenantId, { fix: true });
    expect(report.drift).toEqual([{ item: clientItem('c1'), attribute: 'balanceCents', expected: 90_000, actual: 90_555 }]);
    expect((await rebuild(tenantId, { fix: false })).drift).toEqual([]);
    // Later changes still apply on top of the repaired figures.
    invoice = { ...invoice, paidCents: 120_000, status: 'paid', version: invoice.version + 1 };
    await invoices.save(invoice, { addPayment: { id: ulid(), invoiceId: invoice.id, amountCents: 90_000, date: '2026-03-10', method: 'transfer', createdAt: at } });
    await updateBatch([{ kind: 'invoice', tenantId, invoiceId: invoice.id }]);
    const { client, days } = await figures();
    expect(client).toMatchObject({ balanceCents: 0, openInvoices: 0, open: [], paidInvoices: 1, paidWeightCents: 120_000, lateDaysWeighted: 120_000 * 7 });
    expect(days['2026-03-10']).toMatchObject({ collectedCents: 90_000, paidInvoices: 1, paidWeightCents: 120_000, paidDaysWeighted: 120_000 * 37 });
    expect((await rebuild(tenantId, { fix: false })).drift).toEqual([]);
  });

  it('count a bounce once per timeline event, whatever the number of deliveries, under the event’s key', async () => {
    const keys = eventKey(tenantId, invoice.id, '2026-03-05T09:00:00.000Z', ulid());
    const bounce = aggregateChangeTarget(parseItemKey(keys), 'INSERT', { type: 'email.bounced', at: '2026-03-05T09:00:00.000Z', data: { stepId: 'j+1' } });
    expect(bounce?.kind).toBe('bounce');
    await updateBatch([bounce!]);
    await updateBatch([bounce!, bounce!]);
    expect((await figures()).days['2026-03-05']).toEqual({ bounces: 1 });
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: contributionKey(tenantId, invoice.id), ConsistentRead: true }));
    expect([...(Item?.bounceEvents as Set<string>)]).toEqual([keys.SK]);
    // Bounces come from events, not from the invoices: the rebuild finds no drift in them, and
    // repairing another figure of that day keeps them.
    expect((await rebuild(tenantId, { fix: false })).drift).toEqual([]);
    await raw.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall({ PK: aggregatePk(tenantId), SK: 'DAY#2026-03-05' }),
        UpdateExpression: 'ADD collectedCents :x',
        ExpressionAttributeValues: marshall({ ':x': 7 }),
      }),
    );
    const report = await rebuild(tenantId, { fix: true });
    expect(report.drift).toEqual([{ item: 'day:2026-03-05', attribute: 'collectedCents', expected: 0, actual: 7 }]);
    expect((await figures()).days['2026-03-05']).toEqual({ bounces: 1 });
    expect((await rebuild(tenantId, { fix: false })).drift).toEqual([]);
  });
});

describe('the list row’s client name', () => {
  it('is read from the client for a new row and after a rename, and reused from the row otherwise', async () => {
    const tenant = `aggname-${ulid().toLowerCase()}`;
    const clients = new DynamoClientRepository(db, table);
    let gets = 0;
    const counting = { ...clients, get: (t: string, id: string) => ((gets += 1), clients.get(t, id)), list: clients.list.bind(clients), create: clients.create.bind(clients), replace: clients.replace.bind(clients) };
    const batch = makeUpdateAggregatesBatch({ aggregates, settings, clients: counting as unknown as DynamoClientRepository });
    const client = { id: ulid(), name: 'Boulangerie Dupont', kind: 'business' as const, email: 'c@dupont.test', ccEmails: [], language: 'fr' as const, remindersEnabled: true, emailStatus: 'ok' as const, createdAt: at, updatedAt: at };
    await clients.create(tenant, client);
    const draft = draftInvoice({ id: ulid(), tenantId: tenant, clientId: client.id, clientKind: 'business', issueDate: '2026-02-01', dueDate: '2026-03-03', lines, at });
    await invoices.create(draft, { at, type: 'invoice.created' });
    const rowName = async () => {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: contributionKey(tenant, draft.id), ConsistentRead: true }));
      return (Item?.row as { clientName?: string } | undefined)?.clientName;
    };
    await batch([{ kind: 'invoice', tenantId: tenant, invoiceId: draft.id }]);
    expect(await rowName()).toBe('Boulangerie Dupont');
    expect(gets).toBe(1);
    // The invoice changes (sent): the row keeps the name it carries, without reading the client.
    await invoices.save({ ...draft, status: 'sent', number: 'F-2026-0009', sentAt: at, version: 1 });
    await batch([{ kind: 'invoice', tenantId: tenant, invoiceId: draft.id }]);
    expect(gets).toBe(1);
    expect(await rowName()).toBe('Boulangerie Dupont');
    // Renamed: the client's record on the stream refreshes its rows, even batched with the invoice's own change.
    const renamed = { ...client, name: 'Boulangerie Dupont & Fils', updatedAt: '2026-03-02T10:00:00.000Z' };
    await clients.replace(tenant, renamed, client.updatedAt);
    const target = aggregateChangeTarget(parseItemKey({ PK: `T#${tenant}`, SK: `CLIENT#${client.id}` }), 'MODIFY', renamed, client);
    expect(target).toEqual({ kind: 'client', tenantId: tenant, clientId: client.id });
    await batch([{ kind: 'invoice', tenantId: tenant, invoiceId: draft.id }, target!]);
    expect(await rowName()).toBe('Boulangerie Dupont & Fils');
    expect(gets).toBe(2);
  });
});
