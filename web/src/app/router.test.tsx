import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test/fake-api';
import { routes } from './router';

afterEach(() => vi.restoreAllMocks());

describe('the routes', () => {
  it('show "loading" while the first screen’s chunk comes, without React Router’s HydrateFallback warning', async () => {
    fakeApi(() => ({ status: 404, body: { status: 404, title: 'Not Found' } }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <RouterProvider router={createMemoryRouter(routes, { initialEntries: ['/p/unknown-token'] })} />
      </QueryClientProvider>,
    );
    expect(screen.getByRole('status').textContent).toMatch(/Chargement/);
    expect(await screen.findByText('Ce lien n’est plus valable.', {}, { timeout: 5000 })).toBeTruthy();
    expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('HydrateFallback'))).toEqual([]);
  });
});
