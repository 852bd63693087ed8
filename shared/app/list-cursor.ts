import { createHash } from 'node:crypto';
import { ValidationError } from './errors.js';

/**
 * Cursors of the lists a use case pages itself (an offset into a sorted read, the stage of a
 * merged list, the client reached in a name search): the position and a checksum binding it to
 * its list (tenant, list, sort and order), as the adapters' key cursors are bound to their
 * partition (shared/adapters/dynamo/cursor.ts). A cursor from another list or tenant, edited or
 * made up, is then a 400 naming `query.cursor`, never a page of another list read from its offset.
 * Not a secret: it catches mistakes and copy-paste, the tenant is never taken from it.
 */
const refused = (message = 'is not a cursor of this list') => new ValidationError([{ path: 'query.cursor', message }]);
const checksum = (list: string, position: string) => createHash('sha256').update(`${list}\n${position}`).digest('base64url').slice(0, 22);

export const sealCursor = (list: string, position: object): string => {
  const p = JSON.stringify(position);
  return Buffer.from(JSON.stringify({ p, c: checksum(list, p) })).toString('base64url');
};

/** The position a cursor of `list` holds; undefined without a cursor. Checking its fields is the caller's. */
export const openCursor = (list: string, cursor: string | undefined): Record<string, unknown> | undefined => {
  if (cursor === undefined) return undefined;
  let sealed: unknown;
  try {
    sealed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused('is not a cursor');
  }
  const { p, c } = (typeof sealed === 'object' && sealed !== null ? sealed : {}) as { p?: unknown; c?: unknown };
  if (typeof p !== 'string' || typeof c !== 'string') throw refused('is not a cursor');
  if (c !== checksum(list, p)) throw refused();
  const position = JSON.parse(p) as unknown;
  if (typeof position !== 'object' || position === null || Array.isArray(position)) throw refused();
  return position as Record<string, unknown>;
};

/** An offset into a list sorted in memory. */
export const offsetCursor = (list: string, offset: number) => sealCursor(list, { offset });
export const readOffset = (list: string, cursor: string | undefined): number => {
  const position = openCursor(list, cursor);
  if (position === undefined) return 0;
  if (Number.isInteger(position.offset) && (position.offset as number) >= 0) return position.offset as number;
  throw refused();
};

/**
 * Two index keys in DynamoDB's order: by their UTF-8 bytes. A list that merges several Queries
 * must order their rows as each Query returned them, or a page resumes a partition after a row it
 * never gave and skips or repeats rows: `localeCompare` puts `imp-inv-a…` before `imp-inv-B…`
 * (imported invoices' ids are of mixed case), DynamoDB the other way round.
 */
export const compareKeys = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
