import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, inject, it } from 'vitest';
import { DynamoAggregateStore } from '../../shared/adapters/dynamo/dynamo-aggregate-store.js';
import { DynamoClientRepository } from '../../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoInvoiceRepository } from '../../shared/adapters/dynamo/dynamo-invoice-repository.js';
import { DynamoInvoiceRows } from '../../shared/adapters/dynamo/dynamo-invoice-rows.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { clientWordKey } from '../../shared/adapters/dynamo/keys.js';
import { makeRebuildAggregates } from '../../shared/app/aggregates/rebuild-aggregates.js';
import { makeUpdateInvoiceAggregates } from '../../shared/app/aggregates/update-invoice-aggregates.js';
import { draftInvoice } from '../../shared/app/invoices.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';

const raw = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
const db = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
const table = inject('tableName');
const aggregates = new DynamoAggregateStore(db, table);
const rows = new DynamoInvoiceRows(db, table);
const clients = new DynamoClientRepository(db, table);
const settings = new DynamoSettingsRepository(db, table);
const invoices = new DynamoInvoiceRepository(db, table);
const tenantId = `words-${ulid().toLowerCase()}`;
const at = '2026-03-01T10:00:00.000Z';

describe('the client-word lookup of the follow-up list’s q', () => {
  it('is kept by the aggregates consumer, and written again by the rebuild’s --fix for rows that predate it', async () => {
    await clients.create(tenantId, { id: 'c1', name: 'Boulangerie Dupont SARL', kind: 'business', email: 'b@d.test', ccEmails: [], language: 'fr', remindersEnabled: true, emailStatus: 'ok', createdAt: at, updatedAt: at } as never);
    const draft = draftInvoice({ id: ulid(), tenantId, clientId: 'c1', clientKind: 'business', issueDate: '2026-02-01', dueDate: '2026-03-03', lines: [{ description: 'x', quantity: 1, unitPriceCents: 1000, vatRate: 20 }], at });
    await invoices.create(draft, { at, type: 'invoice.created' });
    await invoices.save({ ...draft, status: 'sent', number: 'F-2026-0001', sentAt: at, version: 1 } as InvoiceRecord);
    await makeUpdateInvoiceAggregates({ aggregates, settings, clients })(tenantId, draft.id);
    const want = [{ clientId: 'c1', name: 'boulangerie dupont sarl', written: 'Boulangerie Dupont SARL' }];
    expect(await rows.clientsByWord(tenantId, 'dup')).toEqual(want);
    expect(await rows.clientsByWord(tenantId, 'sar')).toEqual(want);

    // As if the row had been written before the lookup existed.
    for (const word of ['boulangerie', 'dupont', 'sarl']) await db.send(new DeleteCommand({ TableName: table, Key: clientWordKey(tenantId, word, 'c1') }));
    expect(await rows.clientsByWord(tenantId, 'dup')).toEqual([]);
    await makeRebuildAggregates({ aggregates, settings })(tenantId, { fix: false });
    expect(await rows.clientsByWord(tenantId, 'dup')).toEqual([]);
    await makeRebuildAggregates({ aggregates, settings })(tenantId, { fix: true });
    expect(await rows.clientsByWord(tenantId, 'dup')).toEqual(want);
  });

  it('finds O’Brien by obrien once the rebuild’s --fix has indexed a name written before apostrophes were left out', async () => {
    await clients.create(tenantId, { id: 'c2', name: "Pub O'Brien", kind: 'business', email: 'p@o.test', ccEmails: [], language: 'fr', remindersEnabled: true, emailStatus: 'ok', createdAt: at, updatedAt: at } as never);
    const draft = draftInvoice({ id: ulid(), tenantId, clientId: 'c2', clientKind: 'business', issueDate: '2026-02-01', dueDate: '2026-03-03', lines: [{ description: 'x', quantity: 1, unitPriceCents: 1000, vatRate: 20 }], at });
    await invoices.create(draft, { at, type: 'invoice.created' });
    await invoices.save({ ...draft, status: 'sent', number: 'F-2026-0002', sentAt: at, version: 1 } as InvoiceRecord);
    await makeUpdateInvoiceAggregates({ aggregates, settings, clients })(tenantId, draft.id);
    const want = [{ clientId: 'c2', name: 'pub o brien', written: "Pub O'Brien" }];
    expect(await rows.clientsByWord(tenantId, 'obri')).toEqual(want);

    // As the lookup was written before: no `obrien` word, no name as written.
    await db.send(new DeleteCommand({ TableName: table, Key: clientWordKey(tenantId, 'obrien', 'c2') }));
    for (const word of ['pub', 'o', 'brien']) await db.send(new PutCommand({ TableName: table, Item: { ...clientWordKey(tenantId, word, 'c2'), entityType: 'client-word', clientId: 'c2', name: 'pub o brien' } }));
    expect(await rows.clientsByWord(tenantId, 'obri')).toEqual([]);
    await makeRebuildAggregates({ aggregates, settings })(tenantId, { fix: true });
    expect(await rows.clientsByWord(tenantId, 'obri')).toEqual(want);
    expect(await rows.clientsByWord(tenantId, 'brien')).toEqual(want);
  });
});
