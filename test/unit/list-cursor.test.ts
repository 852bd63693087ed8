import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/app/errors.js';
import { encodeCursor, startKeyFor, type CursorScope } from '../../shared/adapters/dynamo/cursor.js';

const clients: CursorScope = { partition: { PK: 'T#acme' } };
const openInvoices: CursorScope = { index: 'GSI2', partition: { GSI2PK: 'T#acme#INV#open' } };
const clientKey = { PK: 'T#acme', SK: 'CLIENT#01J0000000000000000000000' };
const invoiceKey = { PK: 'T#acme#INV#01J1', SK: '#INVOICE', GSI2PK: 'T#acme#INV#open', GSI2SK: '2026-03-01#01J1' };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const refusal = (cursor: string, scope: CursorScope) => {
  try {
    startKeyFor(cursor, scope);
  } catch (error) {
    return error instanceof ValidationError ? error.errors.map((e) => e.path) : error;
  }
  return 'accepted';
};

describe('list cursors', () => {
  it('give back the key they were made from, on the list they were made for', () => {
    expect(startKeyFor(encodeCursor(clientKey, clients), clients)).toEqual(clientKey);
    expect(startKeyFor(encodeCursor(invoiceKey, openInvoices), openInvoices)).toEqual(invoiceKey);
    expect(startKeyFor(undefined, clients)).toBeUndefined();
  });

  it('refuse a cursor with any character changed (400 naming query.cursor)', () => {
    const cursor = encodeCursor(invoiceKey, openInvoices)!;
    fc.assert(
      fc.property(fc.nat({ max: cursor.length - 1 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), (at, ch) => {
        fc.pre(cursor[at] !== ch);
        const tampered = cursor.slice(0, at) + ch + cursor.slice(at + 1);
        expect(refusal(tampered, openInvoices)).toEqual(['query.cursor']);
      }),
      { seed: 8, numRuns: 300 },
    );
  });

  it('refuse a cursor of another list: another tenant, another status group, the table instead of an index', () => {
    const globex: CursorScope = { partition: { PK: 'T#globex' } };
    expect(refusal(encodeCursor(clientKey, clients)!, globex)).toEqual(['query.cursor']);
    expect(refusal(encodeCursor(invoiceKey, openInvoices)!, { index: 'GSI2', partition: { GSI2PK: 'T#acme#INV#paid' } })).toEqual(['query.cursor']);
    expect(refusal(encodeCursor(invoiceKey, openInvoices)!, { partition: { PK: 'T#acme#INV#01J1' } })).toEqual(['query.cursor']);
  });

  it('refuse forged cursors: a raw key, missing or extra attributes, numbers, a recomputed key of another tenant', () => {
    const forged = [
      b64(clientKey),
      b64({ k: { PK: 'T#acme' }, c: 'x' }),
      b64({ k: { ...clientKey, GSI1PK: 'x' }, c: 'x' }),
      b64({ k: { PK: 'T#acme', SK: 5 }, c: 'x' }),
      b64({ k: { PK: 'T#acme', SK: 'x'.repeat(2000) }, c: 'x' }),
      b64([1, 2]),
      b64(null),
      'bm90LWEtY3Vyc29y',
      '%%%',
      '',
      'x'.repeat(5000),
      encodeCursor({ PK: 'T#globex', SK: 'CLIENT#1' }, { partition: { PK: 'T#globex' } })!,
    ];
    for (const cursor of forged) expect(refusal(cursor, clients), cursor.slice(0, 40)).toEqual(['query.cursor']);
  });

  it('refuse any random string with a 400, never another error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.json().map((j) => Buffer.from(j).toString('base64url'))), (cursor) => {
        expect(refusal(cursor, openInvoices)).toEqual(['query.cursor']);
      }),
      { seed: 20261125, numRuns: 500 },
    );
  });

  it('are the only way a list starts mid-way: ExclusiveStartKey appears in shared/adapters/dynamo/queries.ts alone', () => {
    const root = join(import.meta.dirname, '../../shared');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const users = files.filter((f) => /ExclusiveStartKey\s*:/.test(readFileSync(join(root, f), 'utf8'))).map((f) => relative(root, join(root, f)));
    expect(users).toEqual(['adapters/dynamo/queries.ts']);
  });
});
