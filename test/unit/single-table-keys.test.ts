import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * STYLE.md: single-table keys live in one module. Any key literal (`T#…`, an entity prefix such as
 * `'PAYMENT#'`, `'#INVOICE'`) outside shared/adapters/dynamo/keys.ts is a key built by hand.
 */
const root = join(import.meta.dirname, '../..');
const KEY_LITERAL = /[`'"](?:T#|(?:CLIENT|SCENARIO|TEMPLATE|PAYMENT|EVENT|STEP|CREDIT|QUOTE|INVOICE|SEQ|IDEM)#|#(?:INVOICE|QUOTE|SEQ|IDEM)\b|SETTINGS[`'"])/;

const offenders = () =>
  ['shared', 'functions']
    .flatMap((dir) => (readdirSync(join(root, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => `${dir}/${f}`))
    .filter((file) => file !== 'shared/adapters/dynamo/keys.ts')
    .flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ line: line.trim(), at: `${file}:${i + 1}` }))
        .filter(({ line }) => !line.startsWith('*') && !line.startsWith('//') && KEY_LITERAL.test(line))
        .map(({ at, line }) => `${at} ${line.slice(0, 100)}`),
    );

describe('single-table keys', () => {
  it('recognises a hand-built key (the scanner works)', () => {
    expect(KEY_LITERAL.test("const pk = `T#${tenantId}#INV`;")).toBe(true);
    expect(KEY_LITERAL.test("ExpressionAttributeValues: { ':p': 'PAYMENT#' }")).toBe(true);
    expect(KEY_LITERAL.test("const pk = invoicesByDuePk(tenantId);")).toBe(false);
  });

  it('are built only in shared/adapters/dynamo/keys.ts', () => {
    expect(offenders()).toEqual([]);
  });
});
