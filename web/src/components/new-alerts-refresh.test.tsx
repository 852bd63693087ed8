import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test/fake-api';
import { Layout } from './layout';

const alert = (id: string) => ({ id, kind: 'dispute', read: false, at: '2026-11-27T06:00:00.000Z', invoiceId: 'inv1', invoiceNumber: 'F-2026-0008', clientName: 'Syndic' });

describe('a new alert seen by the badge’s poll', () => {
  it('has the screen on display read its alerts, today’s reminders and figures again', async () => {
    let unread = [alert('n1')];
    fakeApi(({ path }) =>
      path === '/settings' ? { status: 200, body: { timezone: 'Europe/Paris' } } : path.startsWith('/notifications') ? { status: 200, body: { items: unread } } : undefined,
    );
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 15_000 } } });
    render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={['/']}>
          <Routes>
            <Route path="/" element={<Layout />}>
              <Route index element={<p>Accueil</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await waitFor(() => expect(queryClient.getQueryData(['notifications', 'unread-count'])).toEqual({ count: 1, more: false }));
    // What the home screen read a moment ago: fresh in the cache.
    const viewed = [['notifications', 'list', true], ['simulation', 'today'], ['cockpit']] as const;
    for (const key of viewed) queryClient.setQueryData(key, { items: [] });
    const stale = () => viewed.filter((key) => queryClient.getQueryState(key)?.isInvalidated).length;
    // The same count again: nothing read again.
    await queryClient.refetchQueries({ queryKey: ['notifications', 'unread-count'] });
    expect(stale()).toBe(0);
    // A client disputes an invoice on the portal: the next poll counts one more.
    unread = [alert('n2'), alert('n1')];
    await queryClient.refetchQueries({ queryKey: ['notifications', 'unread-count'] });
    await waitFor(() => expect(stale()).toBe(viewed.length));
  });
});
