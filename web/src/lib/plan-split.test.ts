import { describe, expect, it } from 'vitest';
import { splitPlan } from './plan-split';

describe('payment plan split', () => {
  it('adds up to the balance exactly, the last instalment taking the remainder', () => {
    const plan = splitPlan(100_001, 3, '2026-12-01', 30);
    expect(plan).toEqual([
      { dueDate: '2026-12-01', amountCents: 33_333 },
      { dueDate: '2026-12-31', amountCents: 33_333 },
      { dueDate: '2027-01-30', amountCents: 33_335 },
    ]);
    expect(plan.reduce((s, i) => s + i.amountCents, 0)).toBe(100_001);
  });

  it('never makes an instalment of zero', () => {
    expect(splitPlan(2, 5, '2026-12-01', 7).map((i) => i.amountCents)).toEqual([1, 1]);
  });
});
