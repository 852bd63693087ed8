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
export const invalidateMoneyViews = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(MONEY_VIEWS.map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
