import { describe, expect, it } from 'vitest';
import { formatEuros, MAX_AMOUNT_CENTS } from '../../shared/domain/money.js';
import { CEILING_MESSAGE, cents, MAX_AMOUNT_TEXT, positiveCents } from '../../shared/http/schemas/common.js';

describe('the amount ceiling in error messages', () => {
  it('is written as formatEuros writes it (spelled out so the route table loads without Intl)', () => {
    expect(MAX_AMOUNT_TEXT).toBe(formatEuros(MAX_AMOUNT_CENTS));
    expect(CEILING_MESSAGE).toBe(`must be at most 99999999999 cents (${formatEuros(99_999_999_999)})`);
  });
});

describe('amounts in cents', () => {
  it('tell a negative or zero amount once what is wrong with it', () => {
    const issues = (schema: typeof cents, value: unknown) => schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];
    expect(issues(positiveCents, -500)).toEqual(['must be at least 1 cent']);
    expect(issues(positiveCents, 0)).toEqual(['must be at least 1 cent']);
    expect(issues(positiveCents, 1.5)).toEqual(['must be an integer number of cents']);
    expect(issues(positiveCents, 1)).toEqual([]);
    expect(issues(cents, -1)).toHaveLength(1);
    expect(issues(cents, 0)).toEqual([]);
    expect(issues(cents, MAX_AMOUNT_CENTS + 1)).toEqual([CEILING_MESSAGE]);
  });
});
