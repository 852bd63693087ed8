import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../app/ports.js';
import { encodeCursor, invalidCursor, startKeyFor } from './cursor.js';
import { stripKeys } from './transactions.js';

type Item = Record<string, unknown>;
const stripped = <T>(item: Item): T => stripKeys<T>(item);

/**
 * One page of a Query behind an opaque cursor. With a FilterExpression a DynamoDB page can come
 * back short, so it keeps reading until `limit` items or the end; the cursor must belong to
 * `partition` of this table or index (anything else is a 400, see ./cursor.ts).
 */
export const queryPage = async <T>(
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
  page: PageRequest,
  partition: Record<string, string>,
  map: (item: Item) => T = stripped,
): Promise<Page<T>> => {
  const scope = { ...(input.IndexName ? { index: input.IndexName } : {}), partition, ...(input.ScanIndexForward === false ? { descending: true } : {}) };
  const items: T[] = [];
  let start: Item | undefined = startKeyFor(page.cursor, scope);
  let fromCursor = start !== undefined;
  do {
    const out = await db
      .send(new QueryCommand({ ...input, Limit: page.limit - items.length, ExclusiveStartKey: start }))
      .catch((error: unknown) => {
        // A well-formed cursor can still lie outside this query's key range (e.g. another sort-key
        // prefix of the same partition): DynamoDB refuses it, and that is the caller's error.
        if (fromCursor && (error as { name?: string }).name === 'ValidationException') throw invalidCursor();
        throw error;
      });
    fromCursor = false;
    items.push(...(out.Items ?? []).map(map));
    start = out.LastEvaluatedKey;
  } while (start && items.length < page.limit);
  const nextCursor = encodeCursor(start, scope);
  return nextCursor ? { items, nextCursor } : { items };
};

/** Every item of a Query (small, bounded collections: an invoice's payments, a tenant's templates). */
export const queryAll = async <T>(db: DynamoDBDocumentClient, input: QueryCommandInput, map: (item: Item) => T = stripped): Promise<T[]> => {
  const items: T[] = [];
  let start: Item | undefined;
  do {
    const out = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []).map(map));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
};

/** The timeline shape of an event item. */
export const timelineRecord = (item: Item) => ({ at: item.at, type: item.type, ...(item.data ? { data: item.data } : {}) }) as { at: string; type: string; data?: Record<string, unknown> };

/**
 * Up to `limit` items of a Query from `start` (a key validated by `startKeyFor`, or the last
 * item a merged list consumed), and the key to go on from: for lists that read several
 * partitions in step (the follow-up list's row sorts).
 */
export const queryFrom = async (
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
  start: Item | undefined,
  limit: number,
): Promise<{ items: Item[]; next?: Item }> => {
  const items: Item[] = [];
  let key = start;
  do {
    const out = await db.send(new QueryCommand({ ...input, Limit: limit, ExclusiveStartKey: key }));
    items.push(...(out.Items ?? []));
    key = out.LastEvaluatedKey;
  } while (key && items.length < limit);
  return key ? { items, next: key } : { items };
};
