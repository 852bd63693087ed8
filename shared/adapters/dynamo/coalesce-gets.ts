/**
 * Consistent GetItem requests issued together (a `Promise.all` of repository reads: an invoice and
 * its tenant's settings, the invoices of one client) leave as one BatchGetItem, ConsistentRead too:
 * the same items, as fresh, in one request instead of several. Every request costs SDK CPU in the
 * function and a round trip (and, on the local stack, CPU in DynamoDB Local on the same cores).
 *
 * A Get alone goes out unchanged. Only plain consistent Gets of a `PK`/`SK` key are gathered (no
 * projection, no consumed capacity asked); anything else passes through. Keys asked twice are
 * asked once. Keys DynamoDB leaves unprocessed (throttling) are asked again with backoff; a failed
 * batch fails each of its Gets with the error.
 *
 * Gets are gathered per invocation: on AWS a process runs one at a time; the local stack, which runs
 * every function in one process, runs each invocation `asOneInvocation` so that concurrent fires
 * never share a request (its figures stay those of AWS).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Key = { PK: string; SK: string };
type Item = Record<string, unknown>;
interface Pending {
  readonly table: string;
  readonly key: Key;
  readonly alone: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** BatchGetItem's limit of keys per request. */
const MAX_KEYS = 100;
const UNPROCESSED_ATTEMPTS = 8;

const keyId = (table: string, key: Key) => `${table}\u0000${key.PK}\u0000${key.SK}`;

const installed = new WeakSet<object>();

interface Queue {
  pending: Pending[];
}
const invocations = new AsyncLocalStorage<Queue>();

/** Runs `run` as one function invocation: its Gets are gathered with each other only. */
export const asOneInvocation = <T>(run: () => Promise<T>): Promise<T> => invocations.run({ pending: [] }, run);

const batchGet = async (db: DynamoDBDocumentClient, table: string, keys: readonly Key[]): Promise<Map<string, Item>> => {
  const found = new Map<string, Item>();
  let left: readonly Key[] = keys;
  for (let attempt = 0; left.length > 0; attempt++) {
    if (attempt >= UNPROCESSED_ATTEMPTS) throw new Error(`BatchGetItem left ${left.length} keys unprocessed after ${UNPROCESSED_ATTEMPTS} attempts`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt * Math.random()));
    const out = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: [...left], ConsistentRead: true } } }));
    for (const item of out.Responses?.[table] ?? []) found.set(keyId(table, item as Key), item);
    left = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
  }
  return found;
};

const flush = async (db: DynamoDBDocumentClient, pending: readonly Pending[]) => {
  const byTable = new Map<string, Pending[]>();
  for (const p of pending) byTable.set(p.table, [...(byTable.get(p.table) ?? []), p]);
  await Promise.all(
    [...byTable].map(async ([table, asked]) => {
      const unique = [...new Map(asked.map((p) => [keyId(table, p.key), p.key])).values()];
      if (unique.length === 1) {
        // One key (maybe asked twice): a plain GetItem.
        const [first, ...others] = asked;
        try {
          const result = (await first!.alone()) as { output: { Item?: Item } };
          first!.resolve(result);
          for (const p of others) p.resolve({ ...result, output: { ...result.output, ...(result.output.Item ? { Item: structuredClone(result.output.Item) } : {}) } });
        } catch (error) {
          for (const p of asked) p.reject(error);
        }
        return;
      }
      for (let i = 0; i < unique.length; i += MAX_KEYS) {
        const chunk = unique.slice(i, i + MAX_KEYS);
        const ids = new Set(chunk.map((k) => keyId(table, k)));
        const waiting = asked.filter((p) => ids.has(keyId(table, p.key)));
        try {
          const found = await batchGet(db, table, chunk);
          for (const p of waiting) {
            const item = found.get(keyId(table, p.key));
            p.resolve({ output: { $metadata: {}, ...(item ? { Item: structuredClone(item) } : {}) }, response: undefined });
          }
        } catch (error) {
          for (const p of waiting) p.reject(error);
        }
      }
    }),
  );
};

/** Gathers the consistent Gets `db` receives in one turn of the event loop into BatchGetItem requests (idempotent). */
export const coalesceGets = (db: DynamoDBDocumentClient): DynamoDBDocumentClient => {
  if (installed.has(db)) return db;
  installed.add(db);
  const outside: Queue = { pending: [] };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; Key?: Record<string, unknown>; ConsistentRead?: boolean; ProjectionExpression?: string; ExpressionAttributeNames?: unknown; ReturnConsumedCapacity?: string };
      const key = input.Key;
      const plain =
        context.commandName === 'GetItemCommand' && input.ConsistentRead === true && typeof input.TableName === 'string' &&
        !input.ProjectionExpression && !input.ExpressionAttributeNames && !input.ReturnConsumedCapacity &&
        key !== undefined && Object.keys(key).length === 2 && typeof key.PK === 'string' && typeof key.SK === 'string';
      if (!plain) return next(args);
      const queue = invocations.getStore() ?? outside;
      return new Promise((resolve, reject) => {
        if (queue.pending.length === 0) {
          setImmediate(() => {
            const taken = queue.pending;
            queue.pending = [];
            void flush(db, taken);
          });
        }
        queue.pending.push({ table: input.TableName!, key: key as Key, alone: () => next(args), resolve: resolve as (value: unknown) => void, reject });
      });
    },
    { step: 'initialize', name: 'coalesceGets', priority: 'high' },
  );
  return db;
};
