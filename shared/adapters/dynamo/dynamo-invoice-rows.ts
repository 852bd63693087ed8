import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InvoiceRowQueries, RowFilter, RowPage } from '../../app/aggregates/ports.js';
import type { InvoiceRecord, Page, PageRequest } from '../../app/ports.js';
import { encodeCursor, invalidCursor, startKeyFor } from './cursor.js';
import { clientWordPk, invoiceKey, numberLookupKey, numberLookupPk, ROW_SORT_INDEX, rowPartition, type RowSort, type StatusGroup } from './keys.js';
import { queryAll, queryFrom, queryPage } from './queries.js';

/** BatchGetItem requests in flight at once for one read. */
const BATCH_READERS = 8;
import { stripKeys } from './transactions.js';

type Item = Record<string, unknown>;

/** The row filters as one FilterExpression over the #AGG item's `row` map. */
const filterExpression = (f: RowFilter) => {
  const parts: string[] = [];
  const values: Item = {};
  const names: Record<string, string> = { '#row': 'row' };
  if (f.status) {
    names['#status'] = 'status';
    values[':status'] = f.status;
    parts.push('#row.#status = :status');
  }
  if (f.overdue !== undefined) {
    Object.assign(names, { '#status': 'status', '#due': 'dueDate' });
    // Late: awaiting payment past due; on the contentieux tab (status=litigation), in litigation past due.
    Object.assign(values, f.status === 'litigation' ? { ':sent': 'litigation', ':pp': 'litigation' } : { ':sent': 'sent', ':pp': 'partially_paid' }, { ':today': f.today });
    const late = '(#row.#status IN (:sent, :pp) AND #row.#due < :today)';
    parts.push(f.overdue ? late : `NOT ${late}`);
  }
  if (f.reminded !== undefined) {
    names['#count'] = 'reminderCount';
    values[':zero'] = 0;
    parts.push(f.reminded ? '#row.#count > :zero' : '(attribute_not_exists(#row.#count) OR #row.#count = :zero)');
  }
  if (f.dueFrom) {
    names['#due'] = 'dueDate';
    values[':from'] = f.dueFrom;
    parts.push('#row.#due >= :from');
  }
  if (f.dueTo) {
    names['#due'] = 'dueDate';
    values[':to'] = f.dueTo;
    parts.push('#row.#due <= :to');
  }
  return parts.length ? { FilterExpression: parts.join(' AND '), ExpressionAttributeNames: names, values } : { values: {} as Item };
};

/**
 * The follow-up list's other sorts, read from the invoices' row items (#AGG): one Query per
 * status group partition, merged in key order, so a page costs at most the groups × the page,
 * whatever the size of the history. The cursor holds each partition's position.
 */
export class DynamoInvoiceRows implements InvoiceRowQueries {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async sorted(tenantId: string, request: { groups: readonly StatusGroup[]; sort: RowSort; descending: boolean; prefix?: string; filter: RowFilter; page: PageRequest }): Promise<RowPage> {
    const index = ROW_SORT_INDEX[request.sort];
    const positions = this.decodePositions(request.page.cursor, request.groups.map((g) => rowPartition(tenantId, g, request.sort)), index);
    const { FilterExpression, ExpressionAttributeNames, values } = filterExpression(request.filter);
    const limit = request.page.limit;
    const candidates: { pk: string; item: Item }[] = [];
    const ends = new Map<string, Item | undefined>();
    for (const [pk, position] of positions) {
      if (position === 'done') continue;
      const { items: found, next } = await queryFrom(
        this.db,
        {
          TableName: this.tableName,
          IndexName: index,
          KeyConditionExpression: `${index}PK = :pk${request.prefix ? ` AND begins_with(${index}SK, :prefix)` : ''}`,
          ExpressionAttributeValues: { ':pk': pk, ...(request.prefix ? { ':prefix': request.prefix } : {}), ...values },
          ...(FilterExpression ? { FilterExpression, ExpressionAttributeNames } : {}),
          ScanIndexForward: !request.descending,
        },
        position,
        limit,
      );
      ends.set(pk, next);
      candidates.push(...found.map((item) => ({ pk, item })));
    }
    const sk = `${index}SK`;
    candidates.sort((a, b) => (request.descending ? -1 : 1) * String(a.item[sk]).localeCompare(String(b.item[sk])));
    const taken = candidates.slice(0, limit);
    const next = new Map(positions);
    for (const [pk] of positions) {
      if (positions.get(pk) === 'done') continue;
      const mine = candidates.filter((c) => c.pk === pk);
      const consumed = taken.filter((c) => c.pk === pk);
      if (consumed.length === mine.length) next.set(pk, ends.get(pk) ?? 'done');
      else if (consumed.length > 0) {
        const last = consumed.at(-1)!.item;
        next.set(pk, { PK: last.PK, SK: last.SK, [`${index}PK`]: last[`${index}PK`], [sk]: last[sk] } as Item);
      }
    }
    const open = [...next.values()].some((p) => p !== 'done');
    return {
      ids: taken.map((c) => String(c.item.id)),
      ...(open ? { nextCursor: this.encodePositions(next, index) } : {}),
    };
  }

  async byNumber(tenantId: string, prefix: string, page: PageRequest): Promise<RowPage> {
    const pk = numberLookupPk(tenantId);
    const found = await queryPage(
      this.db,
      { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': prefix } },
      page,
      { PK: pk },
      (i) => String(i.invoiceId),
    );
    return { ids: found.items, ...(found.nextCursor ? { nextCursor: found.nextCursor } : {}) };
  }

  async numbersTaken(tenantId: string, numbers: readonly string[]): Promise<Map<string, { invoiceId: string; number: string }>> {
    const taken = new Map<string, { invoiceId: string; number: string }>();
    // Keys are in capitals (numberLookupKey): `ext-1` and `EXT-1` are one key, asked once.
    const unique = [...new Set(numbers.map((n) => n.toUpperCase()))];
    await this.batchGet(unique.map((n) => numberLookupKey(tenantId, n)), false, (item) => taken.set(String(item.SK), { invoiceId: String(item.invoiceId), number: String(item.number ?? item.SK) }));
    return taken;
  }

  async clientsByWord(tenantId: string, word: string): Promise<{ clientId: string; name: string }[]> {
    return queryAll(
      this.db,
      { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :w)', ExpressionAttributeValues: { ':pk': clientWordPk(tenantId), ':w': word } },
      (i) => ({ clientId: String(i.clientId), name: String(i.name) }),
    );
  }

  async invoices(tenantId: string, ids: readonly string[], options: { consistent?: boolean } = {}): Promise<InvoiceRecord[]> {
    const byId = new Map<string, InvoiceRecord>();
    await this.batchGet(ids.map((id) => invoiceKey(tenantId, id)), options.consistent ?? false, (item) => byId.set(String(item.id), stripKeys<InvoiceRecord>(item)));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }

  /**
   * BatchGetItem over any number of keys: 100 a request, BATCH_READERS requests at a time (an import's
   * 5,000 rows are 50 requests, not 5,000 GetItem one after another), unprocessed keys asked again.
   */
  private async batchGet(keys: readonly Item[], consistent: boolean, each: (item: Item) => void): Promise<void> {
    const chunks: Item[][] = [];
    for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
    const worker = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        let left: Item[] | undefined = chunk;
        for (let round = 0; left && left.length > 0 && round < 10; round++) {
          const res = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: left, ...(consistent ? { ConsistentRead: true } : {}) } } }));
          for (const item of res.Responses?.[this.tableName] ?? []) each(item);
          left = res.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(BATCH_READERS, chunks.length) }, worker));
  }

  private encodePositions(positions: Map<string, Item | undefined | 'done'>, index: string): string {
    const body = Object.fromEntries([...positions].map(([pk, p]) => [pk, p === 'done' ? 0 : p === undefined ? 1 : encodeCursor(p, { index, partition: { [`${index}PK`]: pk } })]));
    return Buffer.from(JSON.stringify(body)).toString('base64url');
  }

  /** Each partition's position: undefined (from the start), a start key, or done. */
  private decodePositions(cursor: string | undefined, pks: readonly string[], index: string): Map<string, Item | undefined | 'done'> {
    if (cursor === undefined) return new Map(pks.map((pk) => [pk, undefined]));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      throw invalidCursor('is not a cursor');
    }
    if (typeof body !== 'object' || body === null || Object.keys(body).sort().join() !== [...pks].sort().join()) throw invalidCursor();
    return new Map<string, Item | undefined | 'done'>(
      pks.map((pk): [string, Item | undefined | 'done'] => {
        const p = body[pk];
        if (p === 0) return [pk, 'done' as const];
        if (p === 1) return [pk, undefined];
        if (typeof p !== 'string') throw invalidCursor();
        return [pk, startKeyFor(p, { index, partition: { [`${index}PK`]: pk } }) as Item];
      }),
    );
  }
}
