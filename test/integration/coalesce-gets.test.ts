import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, inject, it } from 'vitest';
import { asOneInvocation, coalesceGets } from '../../shared/adapters/dynamo/coalesce-gets.js';

const table = inject('tableName');
/** A real client of DynamoDB Local that records the requests it sends, after the coalescing. */
const counted = () => {
  const db = coalesceGets(
    DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } }), {
      marshallOptions: { removeUndefinedValues: true },
    }),
  );
  const sent: string[] = [];
  db.middlewareStack.add((next, context) => async (args) => (sent.push(context.commandName ?? '?'), next(args)), { step: 'initialize', name: 'countRequests' });
  return { db, sent };
};

describe('consistent Gets issued together leave as one BatchGetItem', () => {
  it('answers each Get with its own item (or none), in one request, the same as Gets one by one', async () => {
    const { db, sent } = counted();
    const pk = `T#cg-${ulid()}`;
    await db.send(new PutCommand({ TableName: table, Item: { PK: pk, SK: 'A', v: 1, nested: { x: [1, 2] } } }));
    await db.send(new PutCommand({ TableName: table, Item: { PK: pk, SK: 'B', v: 2 } }));
    sent.length = 0;
    const get = (SK: string) => db.send(new GetCommand({ TableName: table, Key: { PK: pk, SK }, ConsistentRead: true }));
    const [a, b, missing, again] = await Promise.all([get('A'), get('B'), get('C'), get('A')]);
    expect(sent).toEqual(['BatchGetItemCommand']);
    expect(a.Item).toEqual({ PK: pk, SK: 'A', v: 1, nested: { x: [1, 2] } });
    expect(b.Item).toEqual({ PK: pk, SK: 'B', v: 2 });
    expect(missing.Item).toBeUndefined();
    expect(again.Item).toEqual(a.Item);
    expect(again.Item).not.toBe(a.Item);
    // Alone, a Get stays a GetItem; an eventually consistent one is never gathered.
    sent.length = 0;
    expect((await get('B')).Item).toEqual({ PK: pk, SK: 'B', v: 2 });
    await Promise.all([db.send(new GetCommand({ TableName: table, Key: { PK: pk, SK: 'A' } })), db.send(new GetCommand({ TableName: table, Key: { PK: pk, SK: 'B' } }))]);
    expect(sent).toEqual(['GetItemCommand', 'GetItemCommand', 'GetItemCommand']);
  });

  it('reads what was written just before, and fails each Get of a failed batch', async () => {
    const { db } = counted();
    const pk = `T#cg-${ulid()}`;
    await db.send(new PutCommand({ TableName: table, Item: { PK: pk, SK: 'A', v: 1 } }));
    const [first] = await Promise.all([db.send(new GetCommand({ TableName: table, Key: { PK: pk, SK: 'A' }, ConsistentRead: true })), db.send(new PutCommand({ TableName: table, Item: { PK: pk, SK: 'B', v: 1 } }))]);
    expect(first.Item?.v).toBe(1);
    await db.send(new PutCommand({ TableName: table, Item: { PK: pk, SK: 'A', v: 2 } }));
    const [after] = await Promise.all(['A', 'B'].map((SK) => db.send(new GetCommand({ TableName: table, Key: { PK: pk, SK }, ConsistentRead: true }))));
    expect(after!.Item?.v).toBe(2);
    const missingTable = ['A', 'B'].map((SK) => db.send(new GetCommand({ TableName: 'no-such-table', Key: { PK: pk, SK }, ConsistentRead: true })));
    for (const result of await Promise.allSettled(missingTable)) expect(result.status).toBe('rejected');
  });

  it('gathers the Gets of one invocation with each other only', async () => {
    const { db, sent } = counted();
    const pk = `T#cg-${ulid()}`;
    const get = (SK: string) => db.send(new GetCommand({ TableName: table, Key: { PK: pk, SK }, ConsistentRead: true }));
    await Promise.all([asOneInvocation(() => Promise.all([get('A'), get('B')])), asOneInvocation(() => Promise.all([get('C'), get('D')]))]);
    expect(sent).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand']);
  });
});
