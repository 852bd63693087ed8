import type { QueryClient } from '@tanstack/react-query';

/**
 * The cached screens whose figures follow an invoice's money or state: a payment, a credit note,
 * a sent invoice or reminder, a pause or a litigation changes the follow-up list, the client's
 * balance and statement, the cockpit, the daily overview, the simulation, the letters to post, a
 * job's "reste à payer" and the alerts. Each feature keeps its own keys (features do not import
 * each other); these are their first segments.
 */
export const MONEY_VIEWS = ['invoices', 'clients', 'cockpit', 'overview', 'simulation', 'reminders', 'quotes', 'notifications'] as const;

/**
 * Marks every money view stale after a write: the screen on display reads again now, the others
 * when they are opened (rather than showing the figures of before for the cache's 15 s).
 */
export const invalidateMoneyViews = (queryClient: QueryClient): Promise<unknown> => {
  // The balances, the cockpit and the list rows are aggregates the stream consumer updates a moment
  // after the write (≈ 0.25 s locally, about a second on AWS): the screen reads again then too, so it
  // does not keep the figures of before until the cache's 15 s are over.
  for (const delay of AGGREGATES_CATCH_UP_MS) {
    setTimeout(() => void Promise.all(MONEY_VIEWS.map((key) => queryClient.invalidateQueries({ queryKey: [key] }))), delay);
  }
  return Promise.all(MONEY_VIEWS.map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
};

/** When the screen on display reads its figures again after a write, besides right away. */
export const AGGREGATES_CATCH_UP_MS = [1_000, 3_000] as const;
