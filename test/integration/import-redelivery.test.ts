import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoImportJobStore, unpackChunk } from '../../shared/adapters/dynamo/dynamo-import-jobs.js';
import { DynamoInvoiceRepository } from '../../shared/adapters/dynamo/dynamo-invoice-repository.js';
import { DynamoInvoiceLedger } from '../../shared/adapters/dynamo/dynamo-invoice-ledger.js';
import { DynamoInvoiceRows } from '../../shared/adapters/dynamo/dynamo-invoice-rows.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { IMPORT_CHUNK_PREFIX, importJobPk } from '../../shared/adapters/dynamo/keys.js';
import { importedInvoiceId, makeImportChunk, makeImportInvoices } from '../../shared/app/aggregates/import-invoices.js';
import type { ImportChunk } from '../../shared/app/ports.js';
import { ensureTable } from '../../infra/local/dynamodb-local.js';
import { fixedClock, sequentialIds } from '../fixtures/fakes.js';
import { RecordingMetrics } from '../fixtures/recording-metrics.js';

/**
 * A chunk of an import job delivered again (the stream's at-least-once delivery, a retry after a crash or a
 * timeout) after its first delivery wrote an invoice but stopped before what was paid before the import: the
 * second delivery writes that payment, once; a third writes nothing. Real DynamoDB Local, a table of its own
 * (no stream consumer delivers the chunks: the test does); aws-sdk-client-mock makes the first delivery crash.
 */
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const docClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials, maxAttempts: 1 }), { marshallOptions: { removeUndefinedValues: true } });
const db = docClient();
const table = `import-redelivery-${ulid().toLowerCase()}`;
const tenantId = `it-${ulid().toLowerCase()}`;
const clock = fixedClock('2026-11-20T10:00:00Z');
const invoices = new DynamoInvoiceRepository(db, table);
const jobs = new DynamoImportJobStore(db, table);

type Command = { constructor: { name: string }; input: Record<string, unknown> };
/**
 * A client that crashes: from the first payment write of `invoiceId` on, every call fails (the process died), and
 * `settled()` waits for the calls already on their way to DynamoDB.
 */
const crashingClient = (invoiceId: string) => {
  const client = docClient();
  const real = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  let crashed = false;
  let inFlight = 0;
  mockClient(client).send.callsFake(async (command: unknown) => {
    const c = command as Command;
    const text = JSON.stringify(c.input);
    if (c.constructor.name === 'TransactWriteCommand' && text.includes(invoiceId) && text.includes('Réglé avant import')) crashed = true;
    if (crashed) throw new Error('worker crashed');
    inFlight++;
    try {
      return (await real(command)) as never;
    } finally {
      inFlight--;
    }
  });
  return {
    client,
    settled: async () => {
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    },
  };
};

const depsWith = (repo: DynamoInvoiceRepository, metrics: RecordingMetrics) => ({
  invoices: repo,
  clients: new DynamoClientRepository(db, table),
  settings: new DynamoSettingsRepository(db, table),
  clock,
  jobs,
  ids: sequentialIds('01JREDELIVERY'),
  numbers: new DynamoInvoiceRows(db, table),
  metrics,
});

// 230 rows: a job (above SYNC_IMPORT_LIMIT), chunk 0 holds rows 1–100. R-0001 partly paid, R-0002 paid in full.
const HEADER = 'N° facture;Client;E-mail;Type;Date facture;Échéance;Montant TTC;Déjà réglé';
const paidOf = (i: number) => (i === 1 ? '10,00' : i === 2 ? '50,00' : i % 10 === 0 ? '1,00' : '');
const csv = [HEADER, ...Array.from({ length: 230 }, (_, k) => {
  const i = k + 1;
  return `R-${String(i).padStart(4, '0')};Client ${i % 3};client-${i % 3}@redelivery.test;professionnel;01/10/2025;31/10/2025;${i <= 2 ? (i === 1 ? '100,00' : '50,00') : `${i},50`};${paidOf(i)}`;
})].join('\r\n');
/** Rows of chunk 0 written with a payment (what was paid before the import). */
const PAID_IN_CHUNK = Array.from({ length: 100 }, (_, k) => k + 1).filter((i) => paidOf(i) !== '').length;

const chunksOf = async (jobId: string, tenant = tenantId): Promise<ImportChunk[]> => {
  const res = await db.send(new QueryCommand({
    TableName: table,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :chunk)',
    ExpressionAttributeValues: { ':pk': importJobPk(tenant, jobId), ':chunk': IMPORT_CHUNK_PREFIX },
    ConsistentRead: true,
  }));
  return (res.Items ?? []).map((i) => unpackChunk(i)).sort((a, b) => a.index - b.index);
};

beforeAll(async () => {
  await ensureTable(inject('dynamodbEndpoint'), table);
});

describe('an import chunk delivered again after a crash between an invoice and its payment', () => {
  it('writes the missing payment once, counts it once, and says the row was created', async () => {
    const metrics = new RecordingMetrics();
    const report = await makeImportInvoices(depsWith(invoices, metrics)).importInvoices(tenantId, { csv }, { dryRun: false });
    expect(report.status).toBe('running');
    const jobId = report.id!;
    const [first, ...rest] = await chunksOf(jobId);
    expect(first!.rows.map((r) => r.number)).toContain('R-0001');

    // First delivery: R-0001 is created, then the worker dies as its payment is written.
    const partly = importedInvoiceId('R-0001');
    const crashing = crashingClient(partly);
    await expect(makeImportChunk(depsWith(new DynamoInvoiceRepository(crashing.client, table), metrics))(first!)).rejects.toThrow('worker crashed');
    await crashing.settled();
    const interrupted = await invoices.get(tenantId, partly);
    expect(interrupted).toMatchObject({ status: 'sent', paidCents: 0 });
    expect(await invoices.payments(tenantId, partly)).toEqual([]);
    expect((await jobs.get(tenantId, jobId))!.processed).toBe(0);

    // Redelivered: the payment is written, with its status and timeline event.
    await makeImportChunk(depsWith(invoices, metrics))(first!);
    const after = await invoices.get(tenantId, partly);
    expect(after).toMatchObject({ status: 'partially_paid', paidCents: 1000 });
    expect(after!.lastPaymentAt).toBeUndefined();
    expect((await invoices.payments(tenantId, partly)).map((p) => [p.amountCents, p.reference])).toEqual([[1000, 'Réglé avant import']]);
    expect(await invoices.get(tenantId, importedInvoiceId('R-0002'))).toMatchObject({ status: 'paid', paidCents: 5000 });
    expect(await invoices.payments(tenantId, importedInvoiceId('R-0002'))).toHaveLength(1);
    // Each payment of the chunk counted once over both deliveries.
    expect(metrics.recorded.filter((m) => m === 'paymentRecorded')).toHaveLength(PAID_IN_CHUNK);

    // A third delivery writes and counts nothing.
    await makeImportChunk(depsWith(invoices, metrics))(first!);
    expect(await invoices.get(tenantId, partly)).toEqual(after);
    expect(await invoices.payments(tenantId, partly)).toHaveLength(1);
    expect(metrics.recorded.filter((m) => m === 'paymentRecorded')).toHaveLength(PAID_IN_CHUNK);

    for (const chunk of rest) await makeImportChunk(depsWith(invoices, metrics))(chunk);
    const job = (await jobs.get(tenantId, jobId))!;
    expect(job).toMatchObject({ status: 'done', total: 230, processed: 230 });
    expect(job.items.filter((i) => i.outcome !== 'created')).toEqual([]);
    expect(job.items.find((i) => i.number === 'R-0001')).toMatchObject({ outcome: 'created', status: 'partially_paid' });
  }, 180_000); // 4 s on a quiet machine; 60 s was not enough at load average 20 (CI beside other suites)
});

/**
 * Rows in litigation where they come from (`Statut` `contentieux`) come in in litigation with their
 * `invoice.litigation` and `invoice.status_changed` events. A chunk delivered again must leave those events once:
 * never twice (a second delivery), never none (a first delivery that died right after writing the invoice).
 */
describe('an import chunk delivered again: the litigation events of the invoices it brings in litigation', () => {
  const litigationTenant = `it-lit-${ulid().toLowerCase()}`;
  // 210 rows (a job): L-0001 in litigation unpaid, L-0002 in litigation partly paid, the others plain.
  const litigationCsv = [`${HEADER};Statut`, ...Array.from({ length: 210 }, (_, k) => {
    const i = k + 1;
    return `L-${String(i).padStart(4, '0')};Client ${i % 3};client-${i % 3}@lit-redelivery.test;professionnel;01/10/2025;31/10/2025;${i},50;${i === 2 ? '1,00' : ''};${i <= 2 ? 'contentieux' : 'Envoyée'}`;
  })].join('\r\n');
  const litigationEvents = async (id: string) =>
    (await new DynamoInvoiceLedger(db, table).timeline(litigationTenant, id, { limit: 100 })).items.filter((e) => e.type === 'invoice.litigation' || (e.type === 'invoice.status_changed' && e.data?.to === 'litigation')).map((e) => e.type).sort();

  /** A client whose process dies right after the transaction that creates `invoiceId` went through. */
  const dyingAfterCreate = (invoiceId: string) => {
    const client = docClient();
    const real = client.send.bind(client) as (command: unknown) => Promise<unknown>;
    let crashed = false;
    let inFlight = 0;
    mockClient(client).send.callsFake(async (command: unknown) => {
      if (crashed) throw new Error('worker crashed');
      const c = command as Command;
      const creates = c.constructor.name === 'TransactWriteCommand' && JSON.stringify(c.input).includes(invoiceId) && JSON.stringify(c.input).includes('invoice.imported');
      inFlight++;
      try {
        return (await real(command)) as never;
      } finally {
        inFlight--;
        if (creates) crashed = true;
      }
    });
    return { client, settled: async () => { while (inFlight > 0) await new Promise((r) => setTimeout(r, 10)); } };
  };

  it('writes them once: after a first delivery that died right after the invoice, and over a second and third delivery', async () => {
    const metrics = new RecordingMetrics();
    const deps = (repo: DynamoInvoiceRepository) => ({ ...depsWith(repo, metrics), ids: sequentialIds('01JLITREDELIVERY') });
    const report = await makeImportInvoices(deps(invoices)).importInvoices(litigationTenant, { csv: litigationCsv }, { dryRun: false });
    expect(report.status).toBe('running');
    const [first, ...rest] = await chunksOf(report.id!, litigationTenant);
    const unpaid = importedInvoiceId('L-0001');
    const partly = importedInvoiceId('L-0002');

    const dying = dyingAfterCreate(unpaid);
    await expect(makeImportChunk(deps(new DynamoInvoiceRepository(dying.client, table)))(first!)).rejects.toThrow('worker crashed');
    await dying.settled();
    expect(await invoices.get(litigationTenant, unpaid)).toMatchObject({ status: 'litigation' });

    for (let delivery = 2; delivery <= 3; delivery++) {
      await makeImportChunk(deps(invoices))(first!);
      expect(await litigationEvents(unpaid), `delivery ${delivery}`).toEqual(['invoice.litigation', 'invoice.status_changed']);
      expect(await litigationEvents(partly), `delivery ${delivery}`).toEqual(['invoice.litigation', 'invoice.status_changed']);
      expect(await invoices.get(litigationTenant, partly)).toMatchObject({ status: 'litigation', paidCents: 100 });
    }
    for (const chunk of rest) await makeImportChunk(deps(invoices))(chunk);
    expect(await jobs.get(litigationTenant, report.id!)).toMatchObject({ status: 'done', processed: 210 });
  }, 180_000);
});
