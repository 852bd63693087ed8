import { ConflictError } from '../../app/errors.js';
import type { InvoiceChange, InvoiceRecord, InvoiceRepository, PaymentRecord, TimelineRecord } from '../../app/ports.js';
import { DynamoInvoiceRecords } from './dynamo-invoice-records.js';
import { invoiceIndexKeys, invoiceKey, paymentKey } from './keys.js';
import { transactWrite, type TransactItem } from './transactions.js';

/**
 * DynamoInvoiceRecords plus the writes of the invoice itself: a draft created, an invoice saved (its version, a payment
 * added or removed, its events, in one transaction). Wired by shared/wiring-invoice-repository.ts for the functions
 * that write invoices; DynamoInvoiceLedger adds the numbered writes and the whole timeline.
 */
export class DynamoInvoiceRepository extends DynamoInvoiceRecords implements InvoiceRepository {
  async create(invoice: InvoiceRecord, event: TimelineRecord, more: readonly TimelineRecord[] = []): Promise<void> {
    const result = await transactWrite(this.db, [
      { Put: { TableName: this.tableName, Item: this.invoiceItem(invoice), ConditionExpression: 'attribute_not_exists(PK)' } },
      ...[event, ...more].map((e) => this.eventPut(invoice.tenantId, invoice.id, e)),
    ]);
    if (!result.ok) throw new ConflictError('An invoice with this id already exists');
  }

  async save(
    invoice: InvoiceRecord,
    change: InvoiceChange = {},
  ): Promise<InvoiceRecord> {
    const items: TransactItem[] = [this.versionedInvoicePut(invoice)];
    // A payment id derived from an Idempotency-Key makes a retried payment fail here, never add twice.
    if (change.addPayment) items.push(this.paymentPut(invoice, change.addPayment, 'attribute_not_exists(PK)'));
    if (change.removePayment) items.push(this.paymentPut(invoice, change.removePayment, 'attribute_exists(PK) AND attribute_not_exists(removedAt)'));
    for (const event of change.events ?? []) items.push(this.eventPut(invoice.tenantId, invoice.id, event));
    const result = await transactWrite(this.db, items);
    if (!result.ok) throw new ConflictError('The invoice was changed by another request; retry with its latest state');
    return { ...invoice, version: invoice.version + 1 };
  }

  private paymentPut(invoice: InvoiceRecord, payment: PaymentRecord, condition: string): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...paymentKey(invoice.tenantId, invoice.id, payment.id), entityType: 'payment', ...payment },
        ConditionExpression: condition,
      },
    };
  }

  private invoiceItem(invoice: InvoiceRecord) {
    return { ...invoiceKey(invoice.tenantId, invoice.id), ...invoiceIndexKeys(invoice.tenantId, invoice), entityType: 'invoice', ...invoice };
  }

  protected versionedInvoicePut(invoice: InvoiceRecord): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        // The repository owns the version: the caller passes what it read, the write is +1.
        Item: this.invoiceItem({ ...invoice, version: invoice.version + 1 }),
        ConditionExpression: 'version = :read',
        ExpressionAttributeValues: { ':read': invoice.version },
      },
    };
  }
}
