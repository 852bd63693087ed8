import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../app/errors.js';
import { sequenceKey } from './keys.js';
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
 */
export const writeWithNextNumber = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  sequence: { readonly tenantId: string; readonly prefix: string; readonly year: number },
  items: (number: string) => TransactItem[],
): Promise<string> => {
  const key = sequenceKey(sequence.tenantId, sequence.prefix, sequence.year);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    const last = typeof Item?.last === 'number' ? Item.last : 0;
    const number = formatNumber(sequence.prefix, sequence.year, last + 1);
    const result = await transactWrite(db, [
      {
        Update: {
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET #last = :next, entityType = :type',
          ConditionExpression: last === 0 ? 'attribute_not_exists(PK)' : '#last = :last',
          ExpressionAttributeNames: { '#last': 'last' },
          ExpressionAttributeValues: { ':next': last + 1, ':type': 'sequence', ...(last === 0 ? {} : { ':last': last }) },
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
