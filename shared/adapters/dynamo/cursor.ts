import { ValidationError } from '../../app/errors.js';
import { decodeCursor } from './keys.js';

/**
 * Decodes a list cursor and checks it belongs to the partition being queried: a cursor
 * forged or copied from another tenant's list is a 400, never a read elsewhere.
 */
export const startKeyFor = (cursor: string | undefined, partition: Record<string, string>): Record<string, unknown> | undefined => {
  if (cursor === undefined) return undefined;
  const key = decodeCursor(cursor);
  const matches = key && Object.entries(partition).every(([name, value]) => key[name] === value);
  if (!matches) throw new ValidationError([{ path: 'query.cursor', message: 'is not a cursor of this list' }]);
  return key;
};
