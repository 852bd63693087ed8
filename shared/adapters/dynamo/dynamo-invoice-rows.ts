import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImportedFigures, InvoiceRowQueries, RowFilter, RowPage } from '../../app/aggregates/ports.js';
import type { InvoiceRecord, Page, PageRequest } from '../../app/ports.js';
import { compareKeys } from '../../app/list-cursor.js';
import { createHash } from 'node:crypto';
import { invalidCursor } from './cursor.js';
import { clientWordPk, CONTRIBUTION_SK, invoiceKey, invoicePk, numberLookupKey, numberLookupPk, ROW_SORT_INDEX, rowPartition, type RowSort, type StatusGroup } from './keys.js';
import { queryAll, queryFrom, queryPage } from './queries.js';

/** A merged row list's cursor (a few hundred characters for six partitions), within the list's `query.cursor` limit. */
const MAX_ROW_CURSOR_LENGTH = 4096;
const rowCursorChecksum = (index: string, pks: readonly string[], positions: readonly (0 | 1 | string)[], descending: boolean) =>
  createHash('sha256').update(JSON.stringify([index, pks, positions, ...(descending ? ['desc'] : [])])).digest('base64url').slice(0, 22);

/** BatchGetItem requests in flight at once for one read. */
const BATCH_READERS = 8;
/** From this many numbers, `numbersTaken` first reads the lookup items between the first and the last (one Query). */
const NUMBER_RANGE_FROM = 200;
/** The attributes an import compares (ImportedFigures). */
const IMPORTED_FIGURES = ['id', 'clientId', 'status', 'issueDate', 'dueDate', 'paidCents', 'importedPaidCents', 'creditedCents', 'totals.grossCents'];
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
    const positions = this.decodePositions(request.page.cursor, tenantId, request.groups.map((g) => rowPartition(tenantId, g, request.sort)), index, request.descending);
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
      ).catch((error: unknown) => {
        // A recomputed cursor can name a key outside this query's range (another prefix): the caller's error.
        if (position !== undefined && (error as { name?: string }).name === 'ValidationException') throw invalidCursor();
        throw error;
      });
      ends.set(pk, next);
      candidates.push(...found.map((item) => ({ pk, item })));
    }
    const sk = `${index}SK`;
    // DynamoDB's order (bytes), the one each Query returned: never localeCompare (case, punctuation).
    candidates.sort((a, b) => (request.descending ? -1 : 1) * compareKeys(String(a.item[sk]), String(b.item[sk])));
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
      ...(open ? { nextCursor: this.encodePositions(next, index, request.descending) } : {}),
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
    const keep = (item: Item) => taken.set(String(item.SK), { invoiceId: String(item.invoiceId), number: String(item.number ?? item.SK) });
    if (unique.length >= NUMBER_RANGE_FROM && (await this.numbersBetween(tenantId, unique, keep))) return taken;
    await this.batchGet(unique.map((n) => numberLookupKey(tenantId, n)), false, keep);
    return taken;
  }

  /**
   * A file's numbers mostly follow one another (`IMP-00001` … `IMP-05000`): the lookup items between its first
   * and last number (in DynamoDB's order, UTF-8 bytes), read by one Query of 1 MB pages, are the file's and few
   * others; none on a first import, one request where BatchGetItem took 50 for 5,000 numbers (eventually
   * consistent, as those). False, having kept nothing, when the range holds more than 4 items a number (the
   * file's numbers are scattered among the tenant's): they are then asked one by one, 100 a BatchGetItem.
   */
  private async numbersBetween(tenantId: string, unique: readonly string[], keep: (item: Item) => void): Promise<boolean> {
    const sorted = [...unique].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const wanted = new Set(unique);
    const budget = unique.length * 4;
    // One more than the budget tells a scattered range; queryFrom pages it (the only place a Query starts mid-way).
    const { items: found } = await queryFrom(
      this.db,
      {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :last',
        ExpressionAttributeValues: { ':pk': numberLookupPk(tenantId), ':first': sorted[0], ':last': sorted.at(-1) },
        ProjectionExpression: 'SK, invoiceId, #number',
        ExpressionAttributeNames: { '#number': 'number' },
      },
      undefined,
      budget + 1,
    );
    if (found.length > budget) return false;
    for (const item of found) if (wanted.has(String(item.SK))) keep(item);
    return true;
  }

  async importedFigures(tenantId: string, ids: readonly string[]): Promise<ImportedFigures[]> {
    const byId = new Map<string, ImportedFigures>();
    await this.batchGet(ids.map((id) => invoiceKey(tenantId, id)), true, (item) => byId.set(String(item.id), item as unknown as ImportedFigures), IMPORTED_FIGURES);
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }

  async clientsByWord(tenantId: string, word: string): Promise<{ clientId: string; name: string; written?: string }[]> {
    return queryAll(
      this.db,
      { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :w)', ExpressionAttributeValues: { ':pk': clientWordPk(tenantId), ':w': word } },
      (i) => ({ clientId: String(i.clientId), name: String(i.name), ...(typeof i.written === 'string' ? { written: i.written } : {}) }),
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
  private async batchGet(keys: readonly Item[], consistent: boolean, each: (item: Item) => void, attributes?: readonly string[]): Promise<void> {
    // Each attribute path by name placeholders (`status` is a reserved word): `totals.grossCents` is #a8.#a9.
    const names: Record<string, string> = {};
    const projection = attributes?.map((path) => path.split('.').map((part) => {
      const name = `#a${Object.keys(names).length}`;
      names[name] = part;
      return name;
    }).join('.')).join(', ');
    const chunks: Item[][] = [];
    for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
    const worker = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        let left: Item[] | undefined = chunk;
        for (let round = 0; left && left.length > 0 && round < 10; round++) {
          const res = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: left, ...(consistent ? { ConsistentRead: true } : {}), ...(projection ? { ProjectionExpression: projection, ExpressionAttributeNames: names } : {}) } } }));
          for (const item of res.Responses?.[this.tableName] ?? []) each(item);
          left = res.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(BATCH_READERS, chunks.length) }, worker));
  }

  /**
   * The cursor of a merged row list: each partition's position in the order of `pks`, 0 (done), 1
   * (from the start) or the index sort key of the last row taken from it (the row item's table key
   * and partition follow from it), and one checksum binding them to the list. The index sort key
   * alone keeps a page-6 cursor of six status groups well under the request line API Gateway takes
   * (a full start key per partition, base64 twice, passed 2,048 characters by the third page of a
   * tenant with a long id).
   */
  private encodePositions(positions: Map<string, Item | undefined | 'done'>, index: string, descending: boolean): string {
    const sk = `${index}SK`;
    const p = [...positions.values()].map((v) => (v === 'done' ? 0 : v === undefined ? 1 : String(v[sk])));
    return Buffer.from(JSON.stringify({ p, c: rowCursorChecksum(index, [...positions.keys()], p, descending) })).toString('base64url');
  }

  /** Each partition's position: undefined (from the start), a start key, or done. */
  private decodePositions(cursor: string | undefined, tenantId: string, pks: readonly string[], index: string, descending: boolean): Map<string, Item | undefined | 'done'> {
    if (cursor === undefined) return new Map(pks.map((pk) => [pk, undefined]));
    if (cursor.length > MAX_ROW_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor('is not a cursor');
    let body: { p?: unknown; c?: unknown };
    try {
      body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown; c?: unknown };
    } catch {
      throw invalidCursor('is not a cursor');
    }
    const p = typeof body === 'object' && body !== null ? body.p : undefined;
    if (!Array.isArray(p) || p.length !== pks.length || !p.every((v) => v === 0 || v === 1 || (typeof v === 'string' && v.length > 0 && v.length <= 1024))) throw invalidCursor('is not a cursor');
    if (body.c !== rowCursorChecksum(index, pks, p as (0 | 1 | string)[], descending)) throw invalidCursor();
    return new Map<string, Item | undefined | 'done'>(
      pks.map((pk, i): [string, Item | undefined | 'done'] => {
        const v = p[i] as 0 | 1 | string;
        if (v === 0) return [pk, 'done'];
        if (v === 1) return [pk, undefined];
        const invoiceId = v.slice(v.lastIndexOf('#') + 1);
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(invoiceId)) throw invalidCursor();
        return [pk, { PK: invoicePk(tenantId, invoiceId), SK: CONTRIBUTION_SK, [`${index}PK`]: pk, [`${index}SK`]: v }];
      }),
    );
  }
}
