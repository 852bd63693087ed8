/**
 * Opaque list cursors: every paged list goes through this codec (via `queryPage`), so a
 * forged, tampered, truncated or foreign cursor is a 400 naming `query.cursor` on every list,
 * including lists added later, and never a 500 from DynamoDB or a read elsewhere.
 *
 * A cursor is the LastEvaluatedKey plus a checksum binding it to its list (index, partition and
 * direction: read the other way from its key, it would give again the rows already shown).
 * The checksum catches edits and copy-paste across lists; it is not a secret: the guarantee
 * that a cursor cannot reach another tenant is the partition check, which needs no secret.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../../app/errors.js';
import { GSIS, TABLE_KEYS } from './table-definition.js';

type Key = Record<string, string>;

/** Which list a cursor belongs to: the index queried (none = the table) and its partition key value(s). */
export interface CursorScope {
  readonly index?: string;
  readonly partition: Readonly<Record<string, string>>;
  /** Read backwards (`ScanIndexForward: false`): a cursor of one direction is no cursor of the other. */
  readonly descending?: boolean;
}

const MAX_CURSOR_LENGTH = 2048;
const MAX_KEY_VALUE_LENGTH = 1024;

export const invalidCursor = (message = 'is not a cursor of this list') =>
  new ValidationError([{ path: 'query.cursor', message }]);

/** The attributes a LastEvaluatedKey carries: the table's keys, plus the index's keys on a GSI query. */
const keyAttributes = (index: string | undefined): string[] => {
  const table = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey];
  if (index === undefined) return table;
  const gsi = GSIS.find((g) => g.indexName === index);
  if (!gsi) throw new TypeError(`Unknown index ${index}`);
  return [...table, gsi.partitionKey, gsi.sortKey];
};

const checksum = (scope: CursorScope, key: Key): string =>
  createHash('sha256')
    .update(JSON.stringify([scope.index ?? '', Object.entries(scope.partition).sort(), Object.entries(key).sort(), ...(scope.descending ? ['desc'] : [])]))
    .digest('base64url')
    .slice(0, 22);

export const encodeCursor = (key: Record<string, unknown> | undefined, scope: CursorScope): string | undefined => {
  if (!key) return undefined;
  const strings = Object.fromEntries(Object.entries(key).map(([k, v]) => [k, String(v)]));
  return Buffer.from(JSON.stringify({ k: strings, c: checksum(scope, strings) })).toString('base64url');
};

const isKey = (value: unknown, attributes: readonly string[]): value is Key =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length === attributes.length &&
  attributes.every((a) => {
    const v = (value as Record<string, unknown>)[a];
    return typeof v === 'string' && v.length > 0 && v.length <= MAX_KEY_VALUE_LENGTH;
  });

/**
 * The ExclusiveStartKey of a cursor, checked against the list being read: well formed, the
 * exact key attributes of the table or index, unaltered, and in the queried partition.
 */
export const startKeyFor = (cursor: string | undefined, scope: CursorScope): Key | undefined => {
  if (cursor === undefined) return undefined;
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor('is not a cursor');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('is not a cursor');
  }
  const { k: key, c: sum } = (typeof decoded === 'object' && decoded !== null ? decoded : {}) as { k?: unknown; c?: unknown };
  if (!isKey(key, keyAttributes(scope.index)) || typeof sum !== 'string') throw invalidCursor('is not a cursor');
  if (sum !== checksum(scope, key)) throw invalidCursor();
  if (!Object.entries(scope.partition).every(([name, value]) => key[name] === value)) throw invalidCursor();
  return key;
};
