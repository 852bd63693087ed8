import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoImportJobStore, unpackChunk } from '../../shared/adapters/dynamo/dynamo-import-jobs.js';
import { DynamoInvoiceRepository } from '../../shared/adapters/dynamo/dynamo-invoice-repository.js';
import { DynamoInvoiceRows } from '../../shared/adapters/dynamo/dynamo-invoice-rows.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { IMPORT_CHUNK_PREFIX, importChunkKey, importJobPk, numberLookupKey } from '../../shared/adapters/dynamo/keys.js';
import { importedInvoiceId, makeImportChunk, makeImportInvoices } from '../../shared/app/aggregates/import-invoices.js';
import { ensureTable } from '../../infra/local/dynamodb-local.js';
import { fixedClock, sequentialIds } from '../fixtures/fakes.js';

/**
 * What makes a 5,000-row import cheap in its request (README "Import and export"), on DynamoDB Local: its job's
 * chunks stored packed, the numbers a file holds read by one range Query when they follow one another, and the
 * invoices imported before read as the few figures compared.
 */
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const docClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials, maxAttempts: 1 }), { marshallOptions: { removeUndefinedValues: true } });
const db = docClient();
const table = `import-storage-${ulid().toLowerCase()}`;
const clock = fixedClock('2026-11-20T10:00:00Z');
const jobs = new DynamoImportJobStore(db, table);

/** A document client that records the name of each command it sends. */
const recordingClient = () => {
  const client = docClient();
  const real = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  const sent: string[] = [];
  mockClient(client).send.callsFake(async (command: unknown) => {
    sent.push((command as { constructor: { name: string } }).constructor.name);
    return (await real(command)) as never;
  });
  return { client, sent };
};

const depsFor = (tenant: string) => ({
  invoices: new DynamoInvoiceRepository(db, table),
  clients: new DynamoClientRepository(db, table),
  settings: new DynamoSettingsRepository(db, table),
  clock,
  jobs,
  ids: sequentialIds(`01JSTORAGE${tenant.slice(-4).toUpperCase()}`),
  numbers: new DynamoInvoiceRows(db, table),
});

const HEADER = 'N° facture;Client;E-mail;Type;Date facture;Échéance;Montant TTC;Déjà réglé';
const csvOf = (prefix: string, rows: number) =>
  [HEADER, ...Array.from({ length: rows }, (_, k) => `${prefix}-${String(k + 1).padStart(4, '0')};Client ${k % 7};client-${k % 7}@storage.test;professionnel;01/10/2025;31/10/2025;${k + 1},50;${k % 10 === 0 ? '1,00' : ''}`)].join('\r\n');

const putAll = async (items: Record<string, unknown>[]) => {
  for (let i = 0; i < items.length; i += 25) {
    await db.send(new BatchWriteCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
};

beforeAll(async () => {
  await ensureTable(inject('dynamodbEndpoint'), table);
});

describe('an import job’s chunks', () => {
  it('are stored packed, a few KB for 100 rows, and read back whole by the worker and GET /imports/{id}', async () => {
    const tenant = `it-pack-${ulid().toLowerCase()}`;
    const report = await makeImportInvoices(depsFor(tenant)).importInvoices(tenant, { csv: csvOf('P', 230) }, { dryRun: false });
    expect(report.status).toBe('running');
    const res = await db.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :chunk)',
      ExpressionAttributeValues: { ':pk': importJobPk(tenant, report.id!), ':chunk': IMPORT_CHUNK_PREFIX },
      ConsistentRead: true,
    }));
    const stored = res.Items ?? [];
    expect(stored).toHaveLength(3);
    for (const item of stored) {
      expect(typeof item.packed).toBe('string');
      expect([item.rows, item.items, item.clients]).toEqual([undefined, undefined, undefined]);
      // As DynamoDB maps and lists, 100 rows were about 35 KB (1.75 MB for 5,000 rows, written in the request).
      expect(JSON.stringify(item).length).toBeLessThan(12_000);
    }
    const chunks = stored.map((i) => unpackChunk(i)).sort((a, b) => a.index - b.index);
    expect(chunks.map((c) => [c.rows.length, c.items?.length, c.clients?.length])).toEqual([[100, 100, 7], [100, 100, 7], [30, 30, 7]]);
    expect(chunks[0]!.rows[0]).toMatchObject({ row: 2, number: 'P-0001', grossCents: 150, paidCents: 100 });
    expect(chunks[0]).toMatchObject({ tenantId: tenant, jobId: report.id, index: 0, at: '2026-11-20T10:00:00.000Z' });
    expect((await jobs.get(tenant, report.id!))!.items.map((i) => i.outcome)).toEqual(Array(230).fill('pending'));
    for (const chunk of chunks) await makeImportChunk(depsFor(tenant))(chunk);
    const job = (await jobs.get(tenant, report.id!))!;
    expect([job.status, job.processed, job.items.filter((i) => i.outcome === 'created').length]).toEqual(['done', 230, 230]);
  }, 120_000);

  it('written before they were packed (rows and items as attributes) are still read', async () => {
    const tenant = `it-legacy-${ulid().toLowerCase()}`;
    const report = await makeImportInvoices(depsFor(tenant)).importInvoices(tenant, { csv: csvOf('L', 201) }, { dryRun: false });
    const [packed] = (await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk AND SK = :sk', ExpressionAttributeValues: { ':pk': importJobPk(tenant, report.id!), ':sk': importChunkKey(tenant, report.id!, 0).SK } }))).Items ?? [];
    const chunk = unpackChunk(packed!);
    // The same chunk as it was stored before: its lists as DynamoDB attributes.
    await db.send(new PutCommand({ TableName: table, Item: { ...importChunkKey(tenant, report.id!, 0), entityType: 'import_chunk', ...chunk } }));
    const [legacy] = (await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk AND SK = :sk', ExpressionAttributeValues: { ':pk': importJobPk(tenant, report.id!), ':sk': importChunkKey(tenant, report.id!, 0).SK } }))).Items ?? [];
    expect(legacy!.packed).toBeUndefined();
    expect(unpackChunk(legacy!)).toEqual(chunk);
    expect((await jobs.get(tenant, report.id!))!.items).toHaveLength(201);
  }, 120_000);
});

describe('the numbers of a file already held (numbersTaken)', () => {
  it('reads them by one range Query when they follow one another, else 100 a BatchGetItem: the same answer', async () => {
    const tenant = `it-num-${ulid().toLowerCase()}`;
    // Held: N-0003 (ours), ext-0100 (imported, written in lower case), and 900 numbers between M-0000 and M-0899.
    await putAll([
      { ...numberLookupKey(tenant, 'N-0003'), entityType: 'number-lookup', invoiceId: 'inv-3', number: 'N-0003' },
      { ...numberLookupKey(tenant, 'ext-0100'), entityType: 'number-lookup', invoiceId: 'inv-100', number: 'ext-0100' },
      ...Array.from({ length: 900 }, (_, i) => ({ ...numberLookupKey(tenant, `M-${String(i).padStart(4, '0')}`), entityType: 'number-lookup', invoiceId: `m-${i}`, number: `M-${i}` })),
    ]);
    const expected = new Map([['N-0003', { invoiceId: 'inv-3', number: 'N-0003' }], ['EXT-0100', { invoiceId: 'inv-100', number: 'ext-0100' }]]);

    // 249 numbers in a row (n-0001 … n-0249, asked in lower case): the range holds N-0003 alone, one request.
    const inRow = Array.from({ length: 249 }, (_, i) => `n-${String(i + 1).padStart(4, '0')}`);
    const quick = recordingClient();
    expect(await new DynamoInvoiceRows(quick.client, table).numbersTaken(tenant, inRow)).toEqual(new Map([['N-0003', { invoiceId: 'inv-3', number: 'N-0003' }]]));
    expect(quick.sent).toEqual(['QueryCommand']);

    // 199 of them and ext-0100: the range EXT-0100 … N-0199 holds the 900 M- numbers, more than 4 a number asked
    // (800): it stops there and asks the 200 numbers by BatchGetItem.
    const scattered = recordingClient();
    expect(await new DynamoInvoiceRows(scattered.client, table).numbersTaken(tenant, [...inRow.slice(0, 199), 'ext-0100'])).toEqual(expected);
    expect(scattered.sent).toEqual(['QueryCommand', 'BatchGetCommand', 'BatchGetCommand']);

    // A few numbers: BatchGetItem alone, as before.
    const few = recordingClient();
    expect(await new DynamoInvoiceRows(few.client, table).numbersTaken(tenant, ['N-0003', 'EXT-0100', 'N-9999'])).toEqual(expected);
    expect(few.sent).toEqual(['BatchGetCommand']);
  }, 120_000);
});

describe('the invoices imported before, as an import compares them (importedFigures)', () => {
  it('reads the figures compared of those that exist, in the order asked, not the whole invoice', async () => {
    const tenant = `it-fig-${ulid().toLowerCase()}`;
    const report = await makeImportInvoices(depsFor(tenant)).importInvoices(tenant, { csv: csvOf('F', 3) }, { dryRun: false });
    expect(report.created).toBe(3);
    const ids = ['F-0003', 'F-0404', 'F-0001'].map(importedInvoiceId);
    const figures = await new DynamoInvoiceRows(db, table).importedFigures(tenant, ids);
    expect(figures.map((f) => [f.id, f.totals.grossCents, f.paidCents, f.issueDate, f.dueDate, f.status])).toEqual([
      [ids[0], 350, 0, '2025-10-01', '2025-10-31', 'sent'],
      [ids[2], 150, 100, '2025-10-01', '2025-10-31', 'partially_paid'],
    ]);
    expect(figures[0]!.clientId).toBe(report.items[2]!.clientId);
    expect(Object.keys(figures[0]!).sort()).toEqual(['clientId', 'creditedCents', 'dueDate', 'id', 'issueDate', 'paidCents', 'status', 'totals']);
    expect(figures[0]!.totals).toEqual({ grossCents: 350 });
  }, 120_000);
});
