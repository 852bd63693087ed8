import { BatchGetCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../app/errors.js';
import { chronologyBreach, OutOfChronologyError } from '../../domain/numbering.js';
import { numberLookupKey, sequenceKey } from './keys.js';
import { transactWrite, type TransactItem } from './transactions.js';

const MAX_ATTEMPTS = 20;

const formatNumber = (prefix: string, year: number, n: number) => `${prefix}-${year}-${String(n).padStart(4, '0')}`;

/**
 * Writes `items(number)` together with the next number of a tenant's `prefix`/`year`
 * sequence, in one transaction: a number is consumed only if the document is written, so the
 * sequence has no gap (CGI 242 nonies A), and two concurrent writers never share a number.
 * When another writer took the number first, reads the sequence again and retries.
 * `items` must put the document with a condition of its own; if that condition fails the
 * document changed under us and a ConflictError is thrown.
 *
 * With `issueDate` (invoices, credit notes: CGI 242 nonies A wants one chronological sequence) the
 * sequence item also keeps the issue date last numbered (`lastDate`): a document dated before it
 * throws OutOfChronologyError and writes nothing. The check reads the item and the write is
 * conditioned on `last` being unchanged, so two concurrent writers cannot break the date order (the
 * loser re-reads, and is refused if the winner's date is now later than its own). A sequence
 * numbered before `lastDate` was kept accepts any date once, then keeps it.
 */
export const writeWithNextNumber = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  sequence: { readonly tenantId: string; readonly prefix: string; readonly year: number; readonly issueDate?: string },
  items: (number: string) => TransactItem[],
): Promise<string> => {
  const key = sequenceKey(sequence.tenantId, sequence.prefix, sequence.year);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    const last = typeof Item?.last === 'number' ? Item.last : 0;
    const lastDate = typeof Item?.lastDate === 'string' ? Item.lastDate : undefined;
    const date = sequence.issueDate;
    if (date !== undefined) {
      const breach = chronologyBreach(date, lastDate === undefined ? undefined : { number: formatNumber(sequence.prefix, sequence.year, last), issueDate: lastDate });
      if (breach) throw new OutOfChronologyError(breach);
    }
    const next = await firstFreeNumber(db, tableName, sequence, last + 1);
    const number = formatNumber(sequence.prefix, sequence.year, next);
    const result = await transactWrite(db, [
      {
        Update: {
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET #last = :next, entityType = :type${date !== undefined ? ', lastDate = :date' : ''}`,
          // `last` unchanged since the read: nobody numbered in between, so the date checked above is still the last one.
          // The date condition says the rule again in the write itself.
          ConditionExpression:
            (last === 0 ? 'attribute_not_exists(PK)' : '#last = :last') +
            (date !== undefined ? ' AND (attribute_not_exists(lastDate) OR lastDate <= :date)' : ''),
          ExpressionAttributeNames: { '#last': 'last' },
          ExpressionAttributeValues: {
            ':next': next,
            ':type': 'sequence',
            ...(last === 0 ? {} : { ':last': last }),
            ...(date !== undefined ? { ':date': date } : {}),
          },
        },
      },
      ...items(number),
    ]);
    if (result.ok) return number;
    if (result.failedConditions.some((i) => i > 0)) {
      throw new ConflictError('The document was changed by another request; retry with its latest state');
    }
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
  }
  throw new ConflictError('Could not allocate a number under contention; retry');
};

/** Numbers looked up at once when the next ones are held already. */
const LOOKAHEAD = 25;

/**
 * The first number from `from` that no invoice holds: an invoice imported with its own number
 * (F-2026-0050 brought from the previous tool) keeps it, and the sequence steps over it rather
 * than issue it twice; the series stays without a gap, since the imported invoice fills it. Reads
 * the number lookups (one small item per numbered invoice) only when the next number is taken.
 */
const firstFreeNumber = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  sequence: { readonly tenantId: string; readonly prefix: string; readonly year: number },
  from: number,
): Promise<number> => {
  // The usual case, one small read: the next number is free.
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: numberLookupKey(sequence.tenantId, formatNumber(sequence.prefix, sequence.year, from)), ProjectionExpression: 'SK' }));
  if (!Item) return from;
  for (let start = from + 1; start < from + 1 + 100 * LOOKAHEAD; start += LOOKAHEAD) {
    const candidates = Array.from({ length: LOOKAHEAD }, (_, i) => start + i);
    const held = new Set<string>();
    let keys: Record<string, unknown>[] | undefined = candidates.map((n) => numberLookupKey(sequence.tenantId, formatNumber(sequence.prefix, sequence.year, n)));
    for (let round = 0; keys && keys.length > 0 && round < 10; round++) {
      const res = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ProjectionExpression: 'SK' } } }));
      for (const item of res.Responses?.[tableName] ?? []) held.add(String(item.SK));
      keys = res.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
    }
    const free = candidates.find((n) => !held.has(formatNumber(sequence.prefix, sequence.year, n)));
    if (free !== undefined) return free;
  }
  throw new ConflictError(`No free number after ${formatNumber(sequence.prefix, sequence.year, from)}`);
};
