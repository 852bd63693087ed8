/**
 * A list's `nextCursor` is bound to the request that gave it: its route, path ids, tenant, and every query
 * parameter but `cursor` and `limit` (sort, order, filters, search). The cursors of the lists themselves
 * (shared/adapters/dynamo/cursor.ts, shared/app/list-cursor.ts) are bound to what they read (an index's
 * partition, a list and its sort), not to the direction it is read in or to the filters applied to it: a
 * cursor of `order=desc` sent with `order=asc` resumed an ascending read from a descending position (rows
 * skipped or repeated), and one kept after a filter changed paged the new filter from the old one's row.
 * Sealed here, on every list route at once (lists added later too), such a cursor is a 400 naming
 * `query.cursor`: start again from the first page. The seal is not a secret (it catches mistakes); the
 * tenant is never taken from it.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../app/errors.js';

const SEAL_LENGTH = 16;

export const OTHER_LIST_QUERY = 'was given for another sort, order or filter of this list: start again without a cursor';

/** The seal of one list's query: route, path ids, tenant and the parsed query less `cursor` and `limit`. */
export const listQuerySeal = (route: string, tenantId: string, params: unknown, query: Readonly<Record<string, unknown>>): string => {
  const asked = Object.entries(query)
    .filter(([name, value]) => name !== 'cursor' && name !== 'limit' && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([route, tenantId, params ?? null, asked]))
    .digest('base64url')
    .slice(0, SEAL_LENGTH);
};

/** The list's own cursor inside `cursor`, once its seal is this query's; a 400 naming `query.cursor` otherwise. */
export const unsealCursor = (cursor: string, seal: string): string => {
  const dot = cursor.lastIndexOf('.');
  if (dot < 1 || cursor.length - dot - 1 !== SEAL_LENGTH) throw new ValidationError([{ path: 'query.cursor', message: 'is not a cursor' }]);
  if (cursor.slice(dot + 1) !== seal) throw new ValidationError([{ path: 'query.cursor', message: OTHER_LIST_QUERY }]);
  return cursor.slice(0, dot);
};

/** A list's JSON answer with its `nextCursor` sealed to the query that asked for it. */
export const sealNextCursor = <R extends { statusCode?: number; body?: string }>(response: R, seal: string): R => {
  if (typeof response.body !== 'string' || !response.body.includes('"nextCursor"')) return response;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return response;
  }
  if (typeof body !== 'object' || body === null || typeof (body as { nextCursor?: unknown }).nextCursor !== 'string') return response;
  const page = body as { nextCursor: string };
  return { ...response, body: JSON.stringify({ ...page, nextCursor: `${page.nextCursor}.${seal}` }) };
};
