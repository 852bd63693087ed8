import { describe, expect, it } from 'vitest';
import { formatEuros, MAX_AMOUNT_CENTS } from '../../shared/domain/money.js';
import { CEILING_MESSAGE, MAX_AMOUNT_TEXT } from '../../shared/http/schemas/common.js';

describe('the amount ceiling in error messages', () => {
  it('is written as formatEuros writes it (spelled out so the route table loads without Intl)', () => {
    expect(MAX_AMOUNT_TEXT).toBe(formatEuros(MAX_AMOUNT_CENTS));
    expect(CEILING_MESSAGE).toBe(`must be at most 99999999999 cents (${formatEuros(99_999_999_999)})`);
  });
});
