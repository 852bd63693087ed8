import { describe, expect, it } from 'vitest';
import { DynamoPortalTokens } from '../../shared/adapters/dynamo/dynamo-portal-tokens.js';
import { hashPortalToken, makePortalLinks } from '../../shared/app/portal/portal-links.js';
import { anInvoiceRecord, fixedClock } from '../fixtures/fakes.js';
import { freshTenant, localTable } from './dynamo-table.js';

const { db, tableName } = localTable();
const tokens = new DynamoPortalTokens(db, tableName);
/** Items DynamoDB Local was asked to put (counted on the real client, nothing stubbed). */
const puts: string[] = [];
db.middlewareStack.add(
  (next, context) => async (args) => {
    if (context.commandName === 'PutCommand' || context.commandName === 'PutItemCommand') puts.push(String((args.input as { Item?: { PK?: string } }).Item?.PK));
    return next(args);
  },
  { step: 'initialize', name: 'countPuts' },
);
const clock = fixedClock('2026-03-16T10:00:00Z');

describe('DynamoPortalTokens and stable links against DynamoDB Local', () => {
  it('keeps the first record of a hash: a second put of it, even concurrent, is no error and changes nothing', async () => {
    const tenantId = freshTenant('portal');
    const record = { tokenHash: hashPortalToken(`tok-${tenantId}`), tenantId, invoiceId: 'inv1', generation: 0, createdAt: '2026-03-16T10:00:00.000Z' };
    await Promise.all([tokens.put(record), tokens.put(record), tokens.put(record)]);
    await tokens.put({ ...record, createdAt: '2027-01-01T00:00:00.000Z' });
    expect(await tokens.find(record.tokenHash)).toEqual(record);
  });

  it('stores an invoice’s derived link on its first issue only: later issues read it and write nothing', async () => {
    const tenantId = freshTenant('portal');
    const links = makePortalLinks({ tokens, random: { next: () => 'x'.repeat(43) }, clock, webBaseUrl: 'https://app.example', secret: async () => 'a-portal-secret-of-at-least-32-chars!' });
    const invoice = anInvoiceRecord({ tenantId });
    puts.length = 0;
    const first = await links.issue(invoice);
    const again = await Promise.all([links.issue(invoice), links.issue(invoice)]);
    expect(again).toEqual([first, first]);
    const token = first!.split('/p/')[1]!;
    expect(puts).toEqual([`PORTAL#${hashPortalToken(token)}`]);
    expect(await tokens.find(hashPortalToken(token))).toMatchObject({ tenantId, invoiceId: 'inv1', generation: 0 });
    // Re-issued (generation 1): a new link, stored once.
    const next = await links.issue({ ...invoice, portalGeneration: 1 });
    expect(next).not.toBe(first);
    expect(puts).toHaveLength(2);
  });
});
