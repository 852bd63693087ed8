import type * as z from 'zod';

/**
 * An inverted range would answer an empty list as if nothing matched: refused, naming its upper end.
 * Here, not in invoices.ts nor common.ts: the batch reminder's filter (zod/mini) uses it too, and its bundle need carry neither
 * every invoice schema nor zod classic.
 */
export const orderedRanges = (q: { minDaysLate?: number; maxDaysLate?: number; dueFrom?: string; dueTo?: string; sort?: string; order?: string }, ctx: z.core.$RefinementCtx) => {
  // `-dueDate` already says descending: `order=asc` with it asks two things at once.
  if (q.sort === '-dueDate' && q.order === 'asc') {
    ctx.addIssue({ code: 'custom', path: ['order'], message: 'contradicts sort=-dueDate (descending): use sort=dueDate&order=asc, or leave order out' });
  }
  if (q.minDaysLate !== undefined && q.maxDaysLate !== undefined && q.minDaysLate > q.maxDaysLate) {
    ctx.addIssue({ code: 'custom', path: ['maxDaysLate'], message: `must be at least minDaysLate (${q.minDaysLate})` });
  }
  if (q.dueFrom !== undefined && q.dueTo !== undefined && q.dueFrom > q.dueTo) {
    ctx.addIssue({ code: 'custom', path: ['dueTo'], message: `must be on or after dueFrom (${q.dueFrom})` });
  }
};
