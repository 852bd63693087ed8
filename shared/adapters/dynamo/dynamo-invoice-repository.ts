import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../app/errors.js';
import type {
  CreditNoteRecord,
  InvoiceChange,
  InvoiceListFilter,
  InvoiceRecord,
  InvoiceRepository,
  Page,
  PageRequest,
  PaymentRecord,
  TimelineRecord,
} from '../../app/ports.js';
import { addDays } from '../../domain/dates.js';
import { queryAll, queryFrom, queryPage, timelineRecord } from './queries.js';
import { encodeCursor, invalidCursor, startKeyFor } from './cursor.js';
import { CREDIT_PREFIX, creditNoteKey, EVENT_PREFIX, STEP_PREFIX, stepEventSortKey, eventKey, invoiceIndexKeys, invoiceKey, invoicePk, invoicesByDuePk, invoicesInGroupPk, invoicesOfClientPk, PAYMENT_PREFIX, paymentKey, statusGroup } from './keys.js';
import { writeWithNextNumber } from './sequence.js';
import { stripKeys, transactWrite, type TransactItem } from './transactions.js';
import { monotonicFactory } from 'ulid';

/** Events written together often share their `at`: monotonic ids keep them in the order they were given (J-5 before J+1 on the timeline). */
const nextEventId = monotonicFactory();


export class DynamoInvoiceRepository implements InvoiceRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string, id: string): Promise<InvoiceRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: invoiceKey(tenantId, id), ConsistentRead: true }));
    return Item ? stripKeys<InvoiceRecord>(Item) : undefined;
  }

  async create(invoice: InvoiceRecord, event: TimelineRecord): Promise<void> {
    const result = await transactWrite(this.db, [
      { Put: { TableName: this.tableName, Item: this.invoiceItem(invoice), ConditionExpression: 'attribute_not_exists(PK)' } },
      this.eventPut(invoice.tenantId, invoice.id, event),
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

  async saveWithNextNumber(
    invoice: InvoiceRecord,
    sequence: { readonly prefix: string; readonly year: number },
    events: (number: string) => readonly TimelineRecord[],
  ): Promise<InvoiceRecord> {
    const number = await writeWithNextNumber(this.db, this.tableName, { tenantId: invoice.tenantId, ...sequence, issueDate: invoice.issueDate }, (n) => [
      this.versionedInvoicePut({ ...invoice, number: n }),
      ...events(n).map((e) => this.eventPut(invoice.tenantId, invoice.id, e)),
    ]);
    return { ...invoice, number, version: invoice.version + 1 };
  }

  async saveWithCreditNote(
    invoice: InvoiceRecord,
    creditNote: Omit<CreditNoteRecord, 'number'>,
    year: number,
    events: (number: string) => readonly TimelineRecord[],
  ): Promise<CreditNoteRecord> {
    const number = await writeWithNextNumber(this.db, this.tableName, { tenantId: invoice.tenantId, prefix: 'A', year, issueDate: creditNote.issueDate }, (n) => [
      this.versionedInvoicePut(invoice),
      {
        Put: {
          TableName: this.tableName,
          Item: { ...creditNoteKey(invoice.tenantId, invoice.id, creditNote.id), entityType: 'credit-note', ...creditNote, number: n },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...events(n).map((e) => this.eventPut(invoice.tenantId, invoice.id, e)),
    ]);
    return { ...creditNote, number };
  }

  async creditNotes(tenantId: string, invoiceId: string): Promise<CreditNoteRecord[]> {
    return queryAll<CreditNoteRecord>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': invoicePk(tenantId, invoiceId), ':p': CREDIT_PREFIX },
      ConsistentRead: true,
    });
  }

  async list(tenantId: string, filter: InvoiceListFilter, page: PageRequest): Promise<Page<InvoiceRecord>> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const filters: string[] = [];
    let index: 'GSI1' | 'GSI2' | 'GSI3';
    let pk: string;
    let upper: string | undefined;
    const status = filter.status === 'overdue' ? undefined : filter.status;
    const overdueOnly = filter.status === 'overdue' || filter.overdue === true;
    // Late: awaiting payment past its due date; on the contentieux tab (status=litigation), in litigation past it.
    // Nothing paid, cancelled, written off or still a draft is ever late.
    const lateStatuses = status === 'litigation' ? ['litigation'] : ['sent', 'partially_paid'];
    if (overdueOnly && status && !lateStatuses.includes(status)) return { items: [] };

    const openOnly = overdueOnly || filter.open === true;
    if (filter.clientId) {
      // One client's invoices: that client's partition whatever the other filters (a status group
      // partition holds every client's invoices of that status: its cost would be the tenant's).
      index = 'GSI3';
      pk = invoicesOfClientPk(tenantId, filter.clientId);
      if (overdueOnly) upper = filter.today;
      if (openOnly && !status) {
        names['#status'] = 'status';
        Object.assign(values, { ':open1': 'sent', ':open2': 'partially_paid' });
        filters.push('#status IN (:open1, :open2)');
      }
    } else if (status === 'litigation') {
      index = 'GSI2';
      pk = invoicesInGroupPk(tenantId, 'litigation');
      if (overdueOnly) upper = filter.today;
    } else if (overdueOnly || filter.open || status === 'sent' || status === 'partially_paid') {
      index = 'GSI2';
      pk = invoicesInGroupPk(tenantId, 'open');
      if (overdueOnly) upper = filter.today;
    } else if (status) {
      index = 'GSI2';
      pk = invoicesInGroupPk(tenantId, statusGroup(status));
    } else {
      index = 'GSI1';
      pk = invoicesByDuePk(tenantId);
    }
    if (status) {
      names['#status'] = 'status';
      values[':status'] = status;
      filters.push('#status = :status');
    }
    if (filter.clientId && index !== 'GSI3') {
      values[':clientId'] = filter.clientId;
      filters.push('clientId = :clientId');
    }
    if (filter.overdue === false) {
      names['#status'] = 'status';
      const late = lateStatuses.map((_, i) => `:late${i}`);
      lateStatuses.forEach((st, i) => (values[`:late${i}`] = st));
      values[':today'] = filter.today;
      filters.push(`NOT (#status IN (${late.join(', ')}) AND dueDate < :today)`);
    }
    if (filter.notLate) {
      names['#status'] = 'status';
      Object.assign(values, { ':lsent': 'sent', ':lpp': 'partially_paid', ':llit': 'litigation', ':ltoday': filter.today });
      filters.push('NOT (#status IN (:lsent, :lpp, :llit) AND dueDate < :ltoday)');
    }
    if (filter.reminded !== undefined) {
      values[':zero'] = 0;
      filters.push(filter.reminded ? 'reminderCount > :zero' : 'reminderCount = :zero');
    }
    const dueTo = filter.dueTo ? addDays(filter.dueTo, 1) : undefined;
    const hi = [upper, dueTo].filter((v): v is string => v !== undefined).sort()[0];
    const lo = filter.dueFrom;
    let keyCondition = `${index}PK = :pk`;
    values[':pk'] = pk;
    if (lo && hi) {
      keyCondition += ` AND ${index}SK BETWEEN :lo AND :hi`;
      Object.assign(values, { ':lo': lo, ':hi': hi });
    } else if (lo) {
      keyCondition += ` AND ${index}SK >= :lo`;
      values[':lo'] = lo;
    } else if (hi) {
      keyCondition += ` AND ${index}SK < :hi`;
      values[':hi'] = hi;
    }
    if (lo && hi && lo >= hi) return { items: [] };

    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index,
      KeyConditionExpression: keyCondition,
      ScanIndexForward: !filter.descending,
      ExpressionAttributeValues: values,
      ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
      ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    };
    // Sort keys are `<dueDate>#<id>`, so a bare date bound never equals a key: BETWEEN acts as [lo, hi).
    return queryPage<InvoiceRecord>(this.db, input, page, { [`${index}PK`]: pk });
  }

  async payments(tenantId: string, invoiceId: string): Promise<PaymentRecord[]> {
    return queryAll<PaymentRecord>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': invoicePk(tenantId, invoiceId), ':p': PAYMENT_PREFIX },
      ConsistentRead: true,
    });
  }

  /**
   * The invoice's events in time order, a page at a time. A sent reminder's event is kept on its
   * step record (one write per reminder, not two): it is merged in here under the key it would
   * have as an event item, so pages and cursors stay one ordered sequence.
   */
  async timeline(tenantId: string, invoiceId: string, page: PageRequest): Promise<Page<TimelineRecord>> {
    const pk = invoicePk(tenantId, invoiceId);
    const scope = { partition: { PK: pk } };
    const start = startKeyFor(page.cursor, scope);
    if (start && !String(start.SK).startsWith(EVENT_PREFIX)) throw invalidCursor();
    const after = start ? String(start.SK) : '';
    const [stored, onSteps] = await Promise.all([
      queryFrom(
        this.db,
        { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': EVENT_PREFIX }, ConsistentRead: true },
        start,
        page.limit,
      ),
      queryAll(
        this.db,
        {
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
          FilterExpression: 'attribute_exists(sentEvent)',
          ProjectionExpression: 'SK, sentAt, sentEvent',
          ExpressionAttributeValues: { ':pk': pk, ':p': STEP_PREFIX },
          ConsistentRead: true,
        },
        (item) => ({ SK: stepEventSortKey(String(item.sentAt), String(item.SK)), record: { at: String(item.sentAt), ...(item.sentEvent as { type: string; data: Record<string, unknown> }) } }),
      ),
    ]);
    const merged = [...stored.items.map((item) => ({ SK: String(item.SK), record: timelineRecord(item) })), ...onSteps.filter((e) => e.SK > after)].sort((a, b) =>
      a.SK < b.SK ? -1 : a.SK > b.SK ? 1 : 0,
    );
    const items = merged.slice(0, page.limit);
    // Stored events not read yet all sort after the ones read, so this page is complete.
    const more = merged.length > page.limit || stored.next !== undefined;
    const nextCursor = more && items.length > 0 ? encodeCursor({ PK: pk, SK: items.at(-1)!.SK }, scope) : undefined;
    return nextCursor ? { items: items.map((e) => e.record), nextCursor } : { items: items.map((e) => e.record) };
  }

  async appendEvents(tenantId: string, invoiceId: string, events: readonly TimelineRecord[]): Promise<void> {
    await Promise.all(
      events.map((e) => this.db.send(new PutCommand(this.eventPut(tenantId, invoiceId, e).Put as never))),
    );
  }

  async recordReminder(tenantId: string, invoiceId: string, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: invoiceKey(tenantId, invoiceId),
        UpdateExpression: 'SET lastReminderAt = :at, version = version + :one ADD reminderCount :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':at': at, ':one': 1 },
      }),
    );
  }

  async openInvoiceIds(tenantId: string, clientId?: string): Promise<string[]> {
    // One client's invoices are read from that client's partition (GSI3), never from all the
    // tenant's open invoices: re-planning a client costs what the client has, not the tenant.
    const query = clientId
      ? { IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :pk', FilterExpression: '#status IN (:sent, :partial)', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':pk': invoicesOfClientPk(tenantId, clientId), ':sent': 'sent', ':partial': 'partially_paid' } }
      : { IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': invoicesInGroupPk(tenantId, 'open') } };
    return queryAll(this.db, { TableName: this.tableName, ...query, ProjectionExpression: 'id' }, (item) => String(item.id));
  }

  private invoiceItem(invoice: InvoiceRecord) {
    return { ...invoiceKey(invoice.tenantId, invoice.id), ...invoiceIndexKeys(invoice.tenantId, invoice), entityType: 'invoice', ...invoice };
  }

  private versionedInvoicePut(invoice: InvoiceRecord): TransactItem {
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

  private eventPut(tenantId: string, invoiceId: string, event: TimelineRecord) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...eventKey(tenantId, invoiceId, event.at, nextEventId()), entityType: 'event', ...event },
      },
    } satisfies TransactItem;
  }
}
