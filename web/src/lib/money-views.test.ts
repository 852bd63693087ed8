import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AGGREGATES_CATCH_UP_MS, invalidateMoneyViews, MONEY_VIEWS } from './money-views';

afterEach(() => vi.useRealTimers());

describe('the money views after a write', () => {
  it('are read again right away, then again once the stream consumer has updated the aggregates', async () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    const spy = vi.spyOn(client, 'invalidateQueries');
    await invalidateMoneyViews(client);
    expect(spy).toHaveBeenCalledTimes(MONEY_VIEWS.length);
    expect(spy.mock.calls.map(([filters]) => filters?.queryKey)).toContainEqual(['cockpit']);
    await vi.advanceTimersByTimeAsync(AGGREGATES_CATCH_UP_MS[0]);
    expect(spy).toHaveBeenCalledTimes(MONEY_VIEWS.length * 2);
    await vi.advanceTimersByTimeAsync(AGGREGATES_CATCH_UP_MS[1]);
    expect(spy).toHaveBeenCalledTimes(MONEY_VIEWS.length * 3);
  });
});
