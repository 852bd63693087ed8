/** Splits a balance into instalments of equal cents (the last takes the remainder), dates every N days. */
import { addDaysIso } from './dates';

export const splitPlan = (balanceCents: number, count: number, first: string, everyDays: number): { dueDate: string; amountCents: number }[] => {
  const n = Math.max(1, Math.min(count, balanceCents));
  const share = Math.floor(balanceCents / n);
  return Array.from({ length: n }, (_, i) => ({ dueDate: addDaysIso(first, i * everyDays), amountCents: i === n - 1 ? balanceCents - share * (n - 1) : share }));
};
