import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import ScenarioScreen from './routes/scenario-screen';

const scenario = {
  id: 'b2b-default',
  name: 'Clients professionnels',
  builtIn: true,
  customized: false,
  steps: [{ id: 'j+1', offsetDays: 1, anchor: 'due', templateId: 'reminder', channel: 'email' }],
};

/**
 * A scenario saved re-plans the open invoices that follow it (README "Reminder steps": their pending steps are
 * `cancelled: replanned`). The invoice's plan, the simulation and today's reminders read before stayed as they were
 * for the cache's 15 s, only the scenarios were read again.
 */
describe('saving a scenario', () => {
  it('marks the invoices’ plans, the simulation and the home figures stale', async () => {
    const calls = fakeApi(({ method, path, body }) => {
      if (path === '/scenarios/b2b-default' && method === 'GET') return { status: 200, body: scenario };
      if (path === '/scenarios/b2b-default' && method === 'PUT') return { status: 200, body: { ...scenario, ...(body as object), customized: true } };
      if (path.startsWith('/templates')) return { status: 200, body: { items: [{ id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr', purpose: 'reminder', tone: 'reminder', kind: 'business' }] } };
      return undefined;
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 15_000 } } });
    const viewed = [['simulation', { from: '2026-11-27', to: '2026-12-27' }], ['invoices', 'inv-1', 'plan'], ['cockpit']] as const;
    for (const key of viewed) queryClient.setQueryData(key, { items: [] });
    render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={['/scenarios/b2b-default']}>
          <Routes>
            <Route path="/scenarios/:id" element={<ScenarioScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const name = await screen.findByLabelText('Nom du scénario');
    await userEvent.type(name, ' (chantiers)');
    const stale = () => viewed.filter((key) => queryClient.getQueryState(key)?.isInvalidated).length;
    expect(stale()).toBe(0);
    await userEvent.click(screen.getByRole('button', { name: /^Enregistrer/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    await waitFor(() => expect(stale()).toBe(viewed.length));
  });
});
