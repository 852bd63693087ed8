import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamo/dynamo-idempotency-store.js';
import { DynamoInvoiceRepository } from '../../shared/adapters/dynamo/dynamo-invoice-repository.js';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { ConflictError } from '../../shared/app/errors.js';
import { makeRecordPayment, paymentIdFor } from '../../shared/app/payments.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';
import { anInvoiceRecord, fixedClock, sequentialIds } from '../fixtures/fakes.js';
import { anHttpEvent } from '../fixtures/money-fakes.js';

/** The keyed payment against DynamoDB Local: the conditional put is what stops a second payment. */
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const table = inject('tableName');
const invoices = new DynamoInvoiceRepository(db, table);
const clock = fixedClock('2026-03-20T10:00:00.000Z');
const recordPayment = makeRecordPayment({ invoices, settings: new DynamoSettingsRepository(db, table), clock, ids: sequentialIds('01JKEY') });
const pay = { amountCents: 20_000, date: '2026-03-15', method: 'transfer' as const };

/** The real store, whose completion fails the first `failures` times (DynamoDB throttled, Lambda killed…). */
class FlakyCompletionStore extends DynamoIdempotencyStore {
  constructor(private failures: number) {
    super(db, table, clock);
  }
  override async complete(...args: Parameters<DynamoIdempotencyStore['complete']>) {
    if (this.failures-- > 0) throw new Error('ProvisionedThroughputExceededException');
    return super.complete(...args);
  }
}

const aStoredInvoice = async () => {
  const tenantId = `kp-${ulid().toLowerCase()}`;
  const invoice = anInvoiceRecord({ tenantId, id: ulid() });
  await invoices.create(invoice, { at: invoice.createdAt, type: 'invoice.created' });
  return { tenantId, invoiceId: invoice.id };
};

describe('a payment keyed by its Idempotency-Key, on DynamoDB Local', () => {
  it('refuses a second write of the same payment id in the invoice transaction', async () => {
    const { tenantId, invoiceId } = await aStoredInvoice();
    const current = (await invoices.get(tenantId, invoiceId))!;
    const payment = { id: paymentIdFor(tenantId, invoiceId, 'k'), invoiceId, ...pay, createdAt: clock.now().toISOString() };
    await invoices.save({ ...current, paidCents: 20_000, version: current.version }, { addPayment: payment });
    await expect(invoices.save({ ...current, paidCents: 40_000, version: current.version + 1 }, { addPayment: payment })).rejects.toBeInstanceOf(ConflictError);
    expect(await invoices.payments(tenantId, invoiceId)).toHaveLength(1);
    expect((await invoices.get(tenantId, invoiceId))!.paidCents).toBe(20_000);
  });

  it('records the payment once when the idempotency record failed to complete and its lease ran out', async () => {
    const { tenantId, invoiceId } = await aStoredInvoice();
    const store = new FlakyCompletionStore(1);
    const handler = httpHandler(routes.recordPayment, async (r) => created(await recordPayment(r.tenantId, r.params.id, r.body, r.idempotencyKey)), {
      idempotency: () => store,
    });
    const call = async () =>
      (await handler(
        anHttpEvent(tenantId, { method: 'POST', path: `/invoices/${invoiceId}/payments`, pathParameters: { id: invoiceId }, body: pay, headers: { 'idempotency-key': 'pay-1' } }),
        {} as never,
      )) as { statusCode: number; body: string; headers?: Record<string, string> };

    expect((await call()).statusCode).toBe(201);
    expect((await call()).statusCode).toBe(409); // still in flight
    clock.set('2026-03-20T10:05:00.000Z'); // past the in-flight lease: the key can be taken again
    const retried = await call();
    expect(retried.statusCode).toBe(201);
    expect(JSON.parse(retried.body)).toMatchObject({ id: paymentIdFor(tenantId, invoiceId, 'pay-1'), invoice: { paidCents: 20_000 } });
    expect(await invoices.payments(tenantId, invoiceId)).toEqual([expect.objectContaining({ id: paymentIdFor(tenantId, invoiceId, 'pay-1'), amountCents: 20_000 })]);
    expect((await call()).headers?.['idempotent-replayed']).toBe('true');
  });
});
