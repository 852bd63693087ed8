import { GetCommand, PutCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type {
  CreditNoteRecord,
  InvoiceListFilter,
  InvoiceRecord,
  InvoiceRecords,
  Page,
  PageRequest,
  PaymentRecord,
  TimelineRecord,
} from '../../app/ports.js';
import { addDays } from '../../domain/dates.js';
import { queryAll, queryFrom, queryPage } from './queries.js';
import { invalidCursor } from './cursor.js';
import { CREDIT_PREFIX, eventKey, invoiceKey, invoicePk, INVOICE_SK, invoicesByDuePk, invoicesInGroupPk, invoicesOfClientPk, PAYMENT_PREFIX, STATUS_GROUPS, statusGroup, clientGroupRange, type StatusGroup } from './keys.js';
import { stripKeys, transactWrite, type TransactItem } from './transactions.js';
import { monotonicFactory } from '../ulid.js';
import { createHash } from 'node:crypto';

/** Events written together often share their `at`: monotonic ids keep them in the order they were given (J-5 before J+1 on the timeline). */
const nextEventId = monotonicFactory();

/**
 * Each status group's position in a merged client list: from the start (1), done (0), or the GSI3
 * sort key of the last invoice taken from it (`<group>#<due>#<id>`: the invoice's table key and the
 * partition follow from it), with one checksum binding them to the list. A full start key per group,
 * base64 twice, passed the list's 2,048-character `query.cursor` once three groups were under way
 * (a 400 on page 3 of a client's screen); anything else is a 400 naming the cursor.
 */
const MAX_GROUP_CURSOR_LENGTH = 2048;
const groupCursorChecksum = (pk: string, groups: readonly StatusGroup[], positions: readonly (0 | 1 | string)[], descending: boolean) =>
  createHash('sha256').update(JSON.stringify(['GSI3', pk, groups, positions, ...(descending ? ['desc'] : [])])).digest('base64url').slice(0, 22);

const encodeGroupPositions = (pk: string, groups: readonly StatusGroup[], next: Map<StatusGroup, Record<string, unknown> | undefined | 'done'>, descending: boolean): string => {
  const g = groups.map((group) => {
    const p = next.get(group);
    return p === 'done' ? 0 : p === undefined ? 1 : String(p.GSI3SK);
  });
  return Buffer.from(JSON.stringify({ g, c: groupCursorChecksum(pk, groups, g, descending) })).toString('base64url');
};

const decodeGroupPositions = (
  cursor: string | undefined,
  tenantId: string,
  groups: readonly StatusGroup[],
  pk: string,
  descending: boolean,
): Map<StatusGroup, Record<string, unknown> | undefined | 'done'> => {
  if (cursor === undefined) return new Map(groups.map((g) => [g, undefined]));
  if (cursor.length > MAX_GROUP_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor('is not a cursor');
  let body: { g?: unknown; c?: unknown };
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { g?: unknown; c?: unknown };
  } catch {
    throw invalidCursor('is not a cursor');
  }
  const g = typeof body === 'object' && body !== null ? body.g : undefined;
  if (!Array.isArray(g) || g.length !== groups.length || !g.every((v) => v === 0 || v === 1 || (typeof v === 'string' && v.length > 0 && v.length <= 1024))) throw invalidCursor();
  if (body.c !== groupCursorChecksum(pk, groups, g as (0 | 1 | string)[], descending)) throw invalidCursor();
  return new Map(
    groups.map((group, i): [StatusGroup, Record<string, unknown> | undefined | 'done'] => {
      const v = g[i] as 0 | 1 | string;
      if (v === 0) return [group, 'done'];
      if (v === 1) return [group, undefined];
      const invoiceId = v.slice(v.lastIndexOf('#') + 1);
      if (!v.startsWith(`${group}#`) || !/^[A-Za-z0-9_-]{1,64}$/.test(invoiceId)) throw invalidCursor();
      return [group, { PK: invoicePk(tenantId, invoiceId), SK: INVOICE_SK, GSI3PK: pk, GSI3SK: v }];
    }),
  );
};

/**
 * Invoices as every function reads them (an invoice, a list, its payments and credit notes, the open ones) and their
 * timeline events: what wiring.ts builds. Creating and saving an invoice are DynamoInvoiceRepository's
 * (shared/wiring-invoice-repository.ts), so the functions that never write one (client-reminders, the reads) leave them out.
 */
export class DynamoInvoiceRecords implements InvoiceRecords {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async get(tenantId: string, id: string): Promise<InvoiceRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: invoiceKey(tenantId, id), ConsistentRead: true }));
    return Item ? stripKeys<InvoiceRecord>(Item) : undefined;
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
    // One client's invoices: that client's partition whatever the other filters (a status group
    // partition holds every client's invoices of that status: its cost would be the tenant's),
    // and within it the status groups the filter can match (SK `<group>#<due>#<id>`): its open or
    // late invoices are one key range, never read through its paid history.
    let clientGroups: readonly StatusGroup[] = [];
    if (filter.clientId) {
      index = 'GSI3';
      pk = invoicesOfClientPk(tenantId, filter.clientId);
      if (overdueOnly) upper = filter.today;
      clientGroups = status ? [statusGroup(status)] : openOnly ? ['open'] : STATUS_GROUPS;
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
    if (lo && hi && lo >= hi) return { items: [] };
    if (filter.clientId) {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK BETWEEN :lo AND :hi',
        ScanIndexForward: !filter.descending,
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
      };
      const due = { ...(lo ? { from: lo } : {}), ...(hi ? { to: hi } : {}) };
      return this.listOfClient(tenantId, input, values, pk, clientGroups, due, filter.descending, page);
    }
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

  async appendEvents(tenantId: string, invoiceId: string, events: readonly TimelineRecord[]): Promise<void> {
    await Promise.all(
      events.map((e) => this.db.send(new PutCommand(this.eventPut(tenantId, invoiceId, e).Put as never))),
    );
  }

  async openInvoiceIds(tenantId: string, clientId?: string): Promise<string[]> {
    // One client's invoices are read from that client's partition (GSI3), never from all the
    // tenant's open invoices: re-planning a client costs what the client has, not the tenant.
    // Its open group's key range: the client's paid history is not read.
    const query = clientId
      ? { IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK BETWEEN :lo AND :hi', ExpressionAttributeValues: { ':pk': invoicesOfClientPk(tenantId, clientId), ':lo': clientGroupRange('open').from, ':hi': clientGroupRange('open').to } }
      : { IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': invoicesInGroupPk(tenantId, 'open') } };
    return queryAll(this.db, { TableName: this.tableName, ...query, ProjectionExpression: 'id' }, (item) => String(item.id));
  }

  /**
   * One client's list: one status group's due range of its GSI3 partition (a page of one Query), or
   * several groups' ranges read in step and merged by due date (k-way, ≤ groups × the page, whatever
   * the history), the cursor keeping each group's position as the row sorts' cursors do.
   */
  private async listOfClient(
    tenantId: string,
    input: QueryCommandInput,
    values: Record<string, unknown>,
    pk: string,
    groups: readonly StatusGroup[],
    due: { from?: string; to?: string },
    descending: boolean,
    page: PageRequest,
  ): Promise<Page<InvoiceRecord>> {
    const query = (group: StatusGroup): QueryCommandInput => {
      const range = clientGroupRange(group, due);
      return { ...input, ExpressionAttributeValues: { ...values, ':pk': pk, ':lo': range.from, ':hi': range.to } };
    };
    if (groups.length === 1) return queryPage<InvoiceRecord>(this.db, query(groups[0]!), page, { GSI3PK: pk });

    const positions = decodeGroupPositions(page.cursor, tenantId, groups, pk, descending);
    const candidates: { group: StatusGroup; item: Record<string, unknown> }[] = [];
    const ends = new Map<StatusGroup, Record<string, unknown> | undefined>();
    await Promise.all(
      groups.map(async (group) => {
        const position = positions.get(group);
        if (position === 'done') return;
        const { items, next } = await queryFrom(this.db, query(group), position, page.limit).catch((error: unknown) => {
          // A recomputed cursor can name a key outside the group's due range: the caller's error.
          if (position !== undefined && (error as { name?: string }).name === 'ValidationException') throw invalidCursor();
          throw error;
        });
        ends.set(group, next);
        candidates.push(...items.map((item) => ({ group, item })));
      }),
    );
    // `<due>#<id>` after the group: the order of every group's keys merged.
    const key = (c: { group: StatusGroup; item: Record<string, unknown> }) => String(c.item.GSI3SK).slice(c.group.length + 1);
    candidates.sort((a, b) => (descending ? -1 : 1) * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const taken = candidates.slice(0, page.limit);
    const next = new Map(positions);
    for (const group of groups) {
      if (positions.get(group) === 'done') continue;
      const mine = candidates.filter((c) => c.group === group).length;
      const consumed = taken.filter((c) => c.group === group);
      if (consumed.length === mine) next.set(group, ends.get(group) ?? 'done');
      else if (consumed.length > 0) {
        const last = consumed.at(-1)!.item;
        next.set(group, { PK: last.PK, SK: last.SK, GSI3PK: last.GSI3PK, GSI3SK: last.GSI3SK });
      }
    }
    const items = taken.map((c) => stripKeys<InvoiceRecord>(c.item));
    if ([...next.values()].every((p) => p === 'done')) return { items };
    return { items, nextCursor: encodeGroupPositions(pk, groups, next, descending) };
  }


  protected eventPut(tenantId: string, invoiceId: string, event: TimelineRecord) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...eventKey(tenantId, invoiceId, event.at, nextEventId()), entityType: 'event', ...event },
      },
    } satisfies TransactItem;
  }
}
