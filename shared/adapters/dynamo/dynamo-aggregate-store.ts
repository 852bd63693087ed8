import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RebuildableStore } from '../../app/aggregates/rebuild-aggregates.js';
import type { AggregateChange, AggregateStore, ContributionSnapshot, InvoiceAggregateState, ListRowExtras, RecordedStep } from '../../app/aggregates/ports.js';
import type { CreditNoteRecord, InvoiceRecord, PaymentRecord } from '../../app/ports.js';
import type { ClientAggregate, DayAggregate } from '../../domain/cockpit.js';
import { clientItem, dayItem, openValue, sameOpen } from '../../domain/aggregates.js';
import { fold, nameWords } from '../../domain/search.js';
import {
  aggregateItem,
  aggregateItemMeta,
  aggregateItemName,
  aggregateKey,
  aggregatePk,
  CLIENT_PREFIX,
  clientWordKey,
  contributionKey,
  CONTRIBUTION_SK,
  CREDIT_PREFIX,
  domainCounters,
  eventKey,
  INVOICE_SK,
  invoiceFiguresRanges,
  invoicePk,
  invoiceRowIndexKeys,
  invoicesByDuePk,
  invoicesOfClientPk,
  numberLookupKey,
  PAYMENT_PREFIX,
  STEP_PREFIX,
  storedCounters,
} from './keys.js';
import { rowExtrasOf } from './dynamo-row-extras.js';
import { queryAll } from './queries.js';
import { stripKeys, transactWrite, type TransactItem } from './transactions.js';

type Item = Record<string, unknown>;
type Update = { Update: { TableName: string; Key: Item; UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Item; ConditionExpression?: string } };

/** Builds one UpdateExpression from SET / ADD / REMOVE parts with generated placeholders. */
class Expression {
  private readonly sets: string[] = [];
  private readonly adds: string[] = [];
  private readonly removes: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Item = {};
  private n = 0;
  private name(attr: string) {
    const key = `#n${this.n++}`;
    this.names[key] = attr;
    return key;
  }
  value(v: unknown) {
    const key = `:v${this.n++}`;
    this.values[key] = v;
    return key;
  }
  set(attr: string, v: unknown) {
    this.sets.push(`${this.name(attr)} = ${this.value(v)}`);
    return this;
  }
  add(attr: string, v: number) {
    this.adds.push(`${this.name(attr)} ${this.value(v)}`);
    return this;
  }
  remove(attr: string) {
    this.removes.push(this.name(attr));
    return this;
  }
  condition(text: (name: (attr: string) => string) => string) {
    return text((attr) => this.name(attr));
  }
  toString() {
    return [
      this.sets.length ? `SET ${this.sets.join(', ')}` : '',
      this.adds.length ? `ADD ${this.adds.join(', ')}` : '',
      this.removes.length ? `REMOVE ${this.removes.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  }
}

const OPEN = 'OPEN#';

export class DynamoAggregateStore implements AggregateStore, RebuildableStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async invoiceState(tenantId: string, invoiceId: string): Promise<InvoiceAggregateState> {
    const pk = invoicePk(tenantId, invoiceId);
    // Two key ranges of the invoice partition; the timeline events between them are never read.
    const { head: range, tailFrom } = invoiceFiguresRanges;
    const [head, tail] = await Promise.all([
      queryAll<Item>(this.db, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND SK BETWEEN :a AND :b', ExpressionAttributeValues: { ':pk': pk, ':a': range.from, ':b': range.to }, ConsistentRead: true }, (i) => i),
      queryAll<Item>(this.db, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND SK >= :a', ExpressionAttributeValues: { ':pk': pk, ':a': tailFrom }, ConsistentRead: true }, (i) => i),
    ]);
    const items = [...head, ...tail];
    const bySk = (prefix: string) => items.filter((i) => String(i.SK).startsWith(prefix));
    const invoice = items.find((i) => i.SK === INVOICE_SK);
    const agg = items.find((i) => i.SK === CONTRIBUTION_SK);
    return {
      ...(invoice ? { invoice: stripKeys<InvoiceRecord>(invoice) } : {}),
      payments: bySk(PAYMENT_PREFIX).map((i) => stripKeys<PaymentRecord>(i)),
      credits: bySk(CREDIT_PREFIX).map((i) => stripKeys<CreditNoteRecord>(i)),
      steps: bySk(STEP_PREFIX).map((i) => stripKeys<RecordedStep>(i)),
      ...(agg && typeof agg.rev === 'number' ? { snapshot: snapshotOf(agg) } : {}),
    };
  }

  async apply(tenantId: string, invoiceId: string, change: AggregateChange): Promise<boolean> {
    await this.indexRowClientWords(tenantId, change);
    const items: Update[] = [];
    const touched = new Map<string, Expression>();
    const expressionFor = (item: string) => {
      let e = touched.get(item);
      if (!e) {
        e = new Expression();
        touched.set(item, e);
      }
      return e;
    };
    for (const [item, attrs] of Object.entries(change.delta)) {
      const e = expressionFor(item);
      for (const [attr, v] of Object.entries(attrs)) e.add(attr, v);
    }
    const { open, openBefore } = change;
    if (openBefore && open?.clientId !== openBefore.clientId) expressionFor(clientItem(openBefore.clientId)).remove(`${OPEN}${invoiceId}`);
    // The client's entry for this invoice is written when it changes, not at each change of the invoice (a reminder).
    const sameEntry = open && openBefore && sameOpen(open, openBefore);
    if (open && !sameEntry) expressionFor(clientItem(open.clientId)).set(`${OPEN}${invoiceId}`, openValue(open));
    for (const [item, e] of touched) {
      for (const [attr, v] of Object.entries(aggregateItemMeta(item))) e.set(attr, v);
      items.push({ Update: { TableName: this.tableName, Key: aggregateKey(tenantId, item), UpdateExpression: e.toString(), ExpressionAttributeNames: e.names, ExpressionAttributeValues: e.values } });
    }

    const s = new Expression()
      .set('entityType', 'contribution')
      .set('rev', (change.prevRev ?? 0) + 1);
    // An empty map would reach stream consumers as an attribute value without a type, which
    // unmarshall rejects (DynamoDB Local and the SDK disagree on `{ M: {} }`): never store one.
    if (Object.keys(change.counters).length > 0) s.set('counters', storedCounters(change.counters));
    else s.remove('counters');
    if (open) s.set('open', open);
    else s.remove('open');
    for (const key of ['lastReminder', 'nextStep'] as const) {
      if (change[key]) s.set(key, change[key]);
      else s.remove(key);
    }
    if (change.row) {
      s.set('row', change.row).set('id', invoiceId).set('tenantId', tenantId);
      const keys = invoiceRowIndexKeys(tenantId, invoiceId, { ...change.row, ...(change.lastReminder ? { lastReminderAt: change.lastReminder.at } : {}) });
      for (const [attr, v] of Object.entries(keys)) s.set(attr, v);
    }
    const condition = change.prevRev === undefined ? s.condition((n) => `attribute_not_exists(${n('rev')})`) : s.condition((n) => `${n('rev')} = ${s.value(change.prevRev)}`);
    const snapshot: Update = {
      Update: { TableName: this.tableName, Key: contributionKey(tenantId, invoiceId), UpdateExpression: s.toString(), ConditionExpression: condition, ExpressionAttributeNames: s.names, ExpressionAttributeValues: s.values },
    };
    // A numbered invoice is findable by number prefix: one small lookup item, written once.
    const lookups: TransactItem[] =
      change.row?.number && change.row.number !== change.rowBefore?.number
        ? [{ Put: { TableName: this.tableName, Item: { ...numberLookupKey(tenantId, change.row.number), entityType: 'number-lookup', invoiceId, number: change.row.number } } }]
        : [];
    if (items.length === 0 && lookups.length === 0) {
      // Only the list-row extras moved: one conditional write, no transaction.
      try {
        await this.db.send(new UpdateCommand(snapshot.Update));
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    }
    if (items.length + lookups.length + 1 > 100) throw new Error(`an invoice touching ${items.length} aggregate items exceeds one transaction`);
    const result = await transactWrite(this.db, [...items, ...lookups, snapshot] as TransactItem[]);
    return result.ok;
  }

  /**
   * Each word of the client's name finds its invoices (`q`): written with a row whose client or
   * name is new, outside the transaction (plain idempotent puts: the invoices of one client, all
   * imported at once, would otherwise conflict on the same items). A new row of a client already
   * indexed under that name costs one read.
   */
  private async indexRowClientWords(tenantId: string, change: AggregateChange): Promise<void> {
    const row = change.row;
    if (!row?.clientName || (row.clientName === change.rowBefore?.clientName && row.clientId === change.rowBefore?.clientId)) return;
    const words = nameWords(row.clientName);
    const name = fold(row.clientName);
    const renamed = change.rowBefore?.clientName !== undefined && change.rowBefore.clientId === row.clientId;
    if (!renamed && words[0]) {
      const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: clientWordKey(tenantId, words[0], row.clientId) }));
      if (Item?.name === name) return;
    }
    await Promise.all([
      this.indexClientWords(tenantId, row.clientId, row.clientName),
      // The former name's words no longer find this client.
      ...(renamed ? nameWords(change.rowBefore!.clientName).filter((w) => !words.includes(w)).map((word) => this.db.send(new DeleteCommand({ TableName: this.tableName, Key: clientWordKey(tenantId, word, row.clientId) }))) : []),
    ]);
  }

  async indexNumber(tenantId: string, invoiceId: string, number: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...numberLookupKey(tenantId, number), entityType: 'number-lookup', invoiceId, number } }));
  }

  async indexClientWords(tenantId: string, clientId: string, clientName: string): Promise<void> {
    const name = fold(clientName);
    await Promise.all(
      nameWords(clientName).map((word) => this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...clientWordKey(tenantId, word, clientId), entityType: 'client-word', clientId, name, written: clientName } }))),
    );
  }

  async recordBounce(tenantId: string, invoiceId: string, event: { at: string; id: string }, date: string): Promise<void> {
    // The event's SK is the token counted once (the form bounces have always been recorded in).
    const eventId = eventKey(tenantId, invoiceId, event.at, event.id).SK;
    const write = () => transactWrite(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: contributionKey(tenantId, invoiceId),
          UpdateExpression: 'ADD bounceEvents :ids',
          ConditionExpression: 'NOT contains(bounceEvents, :id)',
          ExpressionAttributeValues: { ':ids': new Set([eventId]), ':id': eventId },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: aggregateKey(tenantId, dayItem(date)),
          UpdateExpression: 'SET entityType = :t, #date = :d ADD bounces :one',
          ExpressionAttributeNames: { '#date': 'date' },
          ExpressionAttributeValues: { ':t': 'day-aggregate', ':d': date, ':one': 1 },
        },
      },
    ]);
    // A failed condition means this bounce was counted already: nothing to do; a conflict is retried.
    for (let attempt = 1; ; attempt++) {
      const result = await write();
      if (result.ok || result.failedConditions.length > 0) return;
      if (attempt >= 5) throw new Error(`bounce of invoice ${invoiceId} kept conflicting; the stream will retry`);
    }
  }

  async clients(tenantId: string): Promise<ClientAggregate[]> {
    const items = await queryAll<Item>(
      this.db,
      { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': aggregatePk(tenantId), ':p': CLIENT_PREFIX } },
      (i) => i,
    );
    return items.map(clientAggregateOf);
  }

  async client(tenantId: string, clientId: string): Promise<ClientAggregate | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: aggregateKey(tenantId, clientItem(clientId)) }));
    return Item ? clientAggregateOf(Item) : undefined;
  }

  async days(tenantId: string, from: string, to: string): Promise<DayAggregate[]> {
    const items = await queryAll<Item>(
      this.db,
      {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': aggregatePk(tenantId), ':a': aggregateItem.day(from), ':b': aggregateItem.day(to) },
      },
      (i) => i,
    );
    return items.map((i) => ({
      date: String(i.date),
      counters: Object.fromEntries(Object.entries(i).filter(([k, v]) => typeof v === 'number' && k !== 'PK' && k !== 'SK')) as Record<string, number>,
    }));
  }

  async moves(tenantId: string, from: string, to: string): Promise<DayAggregate[]> {
    const items = await queryAll<Item>(
      this.db,
      {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': aggregatePk(tenantId), ':a': aggregateItem.moves(from), ':b': aggregateItem.moves(to) },
      },
      (i) => i,
    );
    return items.map((i) => ({
      date: String(i.date),
      counters: Object.fromEntries(Object.entries(i).filter(([k, v]) => typeof v === 'number' && k !== 'PK' && k !== 'SK')) as Record<string, number>,
    }));
  }

  async clientInvoiceIds(tenantId: string, clientId: string): Promise<string[]> {
    return queryAll(
      this.db,
      { TableName: this.tableName, IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :pk', ExpressionAttributeValues: { ':pk': invoicesOfClientPk(tenantId, clientId) }, ProjectionExpression: 'id' },
      (i) => String(i.id),
    );
  }

  async invoiceIds(tenantId: string): Promise<string[]> {
    return queryAll(
      this.db,
      { TableName: this.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': invoicesByDuePk(tenantId) }, ProjectionExpression: 'id' },
      (i) => String(i.id),
    );
  }

  async allItems(tenantId: string) {
    const items = await queryAll<Item>(this.db, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': aggregatePk(tenantId) }, ConsistentRead: true }, (i) => i);
    return Object.fromEntries(
      items.map((i) => [
        aggregateItemName(String(i.SK)),
        {
          counters: Object.fromEntries(Object.entries(i).filter(([, v]) => typeof v === 'number')) as Record<string, number>,
          open: new Map(clientAggregateOf(i).open.map((o) => [o.invoiceId, openValue(o)])) as OpenMap,
        },
      ]),
    );
  }

  async overwrite(tenantId: string, item: string, counters: Record<string, number>, open: OpenMap): Promise<void> {
    const meta = aggregateItemMeta(item);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...aggregateKey(tenantId, item), ...meta, ...counters, ...Object.fromEntries([...open].map(([id, o]) => [`${OPEN}${id}`, o])) },
      }),
    );
  }

  async rebaseSnapshot(tenantId: string, invoiceId: string, snapshot: Parameters<RebuildableStore['rebaseSnapshot']>[2]): Promise<void> {
    const e = new Expression().set('entityType', 'contribution');
    const rev = e.condition((n) => n('rev'));
    if (Object.keys(snapshot.counters).length > 0) e.set('counters', storedCounters(snapshot.counters));
    else e.remove('counters');
    for (const key of ['open', 'lastReminder', 'nextStep'] as const) {
      if (snapshot[key]) e.set(key, snapshot[key]);
      else e.remove(key);
    }
    const zero = e.value(0);
    const one = e.value(1);
    const expression = e.toString().replace(/^SET /, `SET ${rev} = if_not_exists(${rev}, ${zero}) + ${one}, `);
    await this.db.send(
      new UpdateCommand({ TableName: this.tableName, Key: contributionKey(tenantId, invoiceId), UpdateExpression: expression, ExpressionAttributeNames: e.names, ExpressionAttributeValues: e.values }),
    );
  }

  rowExtras(tenantId: string, invoiceIds: readonly string[]): Promise<Map<string, ListRowExtras>> {
    return rowExtrasOf(this.db, this.tableName, tenantId, invoiceIds);
  }
}

type OpenMap = Map<string, ReturnType<typeof openValue>>;

const snapshotOf = (item: Item): ContributionSnapshot => ({
  rev: item.rev as number,
  ...(item.row ? { row: item.row as ContributionSnapshot['row'] } : {}),
  counters: domainCounters((item.counters ?? {}) as Record<string, number>),
  ...(item.open ? { open: item.open as ContributionSnapshot['open'] } : {}),
  ...(item.lastReminder ? { lastReminder: item.lastReminder as ContributionSnapshot['lastReminder'] } : {}),
  ...(item.nextStep ? { nextStep: item.nextStep as ContributionSnapshot['nextStep'] } : {}),
});

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

const clientAggregateOf = (item: Item): ClientAggregate => ({
  clientId: String(item.clientId),
  balanceCents: num(item.balanceCents),
  openInvoices: num(item.openInvoices),
  paidInvoices: num(item.paidInvoices),
  paidWeightCents: num(item.paidWeightCents),
  lateDaysWeighted: num(item.lateDaysWeighted),
  open: Object.entries(item)
    .filter(([k]) => k.startsWith(OPEN))
    .map(([k, v]) => {
      const instalments = Array.isArray((v as Item).instalments) ? ((v as Item).instalments as Item[]).map((i) => ({ dueDate: String(i.dueDate), balanceCents: num(i.balanceCents) })) : [];
      return { invoiceId: k.slice(OPEN.length), dueDate: String((v as Item).dueDate), balanceCents: num((v as Item).balanceCents), ...(instalments.length > 0 ? { instalments } : {}) };
    })
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.invoiceId.localeCompare(b.invoiceId)),
});
