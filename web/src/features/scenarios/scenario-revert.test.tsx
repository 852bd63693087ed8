import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, type Handler } from '../../test/fake-api';
import ScenarioScreen from './routes/scenario-screen';
import { saying } from '../../test/plain';

const scenario = {
  id: 'b2b-default',
  name: 'Clients professionnels',
  builtIn: true,
  customized: true,
  steps: [{ id: 'j+3', offsetDays: 3, anchor: 'due', templateId: 'reminder', channel: 'email' }],
};

afterEach(() => vi.unstubAllGlobals());

describe('a customised built-in scenario', () => {
  it('asks before going back to the built-in one (one tap lost the owner’s steps)', async () => {
    const calls = fakeApi(({ method, path }) => {
      if (path === '/scenarios/b2b-default' && method === 'GET') return { status: 200, body: scenario };
      if (path === '/scenarios/b2b-default' && method === 'DELETE') return { status: 200, body: { ...scenario, customized: false } };
      if (path.startsWith('/templates')) return { status: 200, body: { items: [{ id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr', purpose: 'reminder' }] } };
      return undefined;
    });
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/scenarios/b2b-default']}>
          <Routes>
            <Route path="/scenarios/:id" element={<ScenarioScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Revenir au scénario fourni' }));
    expect(confirm).toHaveBeenCalledWith(saying('Revenir au scénario fourni ? Vos modifications de ses étapes seront perdues.'));
    expect(calls.filter((c) => c.method === 'DELETE')).toEqual([]);
    confirm.mockReturnValue(true);
    await userEvent.click(screen.getByRole('button', { name: 'Revenir au scénario fourni' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/scenarios/b2b-default']));
  });
});

describe('a scenario of the owner’s that a client follows', () => {
  it('asks without promising the clients go back to the default one, and names the client, not the scenario’s id, when the API refuses', async () => {
    const id = '01m8edwya38ba6yxdef0p3gnqb'; // as the API names a scenario made on screen
    fakeApi(({ method, path }) => {
      if (path === `/scenarios/${id}` && method === 'GET') return { status: 200, body: { id, name: 'Chantiers longs', builtIn: false, customized: false, tags: [], steps: scenario.steps } };
      if (path === `/scenarios/${id}` && method === 'DELETE')
        return {
          status: 422,
          body: {
            type: 'https://relances.dev/problems/scenario-in-use',
            status: 422,
            title: 'Unprocessable request',
            detail: `"${id}" is the scenario of 1 client(s): Café du Centre`,
            errors: [{ path: 'path.id', message: 'is used by clients; change their scenario first' }],
          },
        };
      if (path.startsWith('/templates')) return { status: 200, body: { items: [{ id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr', purpose: 'reminder' }] } };
      return undefined;
    });
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={[`/scenarios/${id}`]}>
          <Routes>
            <Route path="/scenarios/:id" element={<ScenarioScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Supprimer ce scénario' }));
    expect(confirm).toHaveBeenCalledWith(saying('Supprimer ce scénario ? Un scénario encore suivi par un client, ou choisi dans les réglages, ne peut pas l’être : changez d’abord le leur.'));
    await screen.findByText('Ce scénario est celui d’un client : Café du Centre. Changez d’abord son scénario.');
    expect(document.body.textContent).not.toContain(id);
  });
});

/**
 * The shell's alerts badge, one of the screens a scenario change reads again: it answers after the deleted scenario's
 * 404, as in the browser, where the scenario's screen went ("introuvable") before the delete was over, and with it
 * the way back to the list.
 */
const AlertsBadge = ({ slow }: { slow: () => boolean }) => {
  useQuery({ queryKey: ['notifications', 'unread'], queryFn: () => new Promise((resolve) => setTimeout(() => resolve(0), slow() ? 100 : 0)) });
  return null;
};

describe('deleting a scenario of the owner’s', () => {
  it('goes back to the list of scenarios once deleted, never to « Ce scénario est introuvable » on its own page', async () => {
    const id = '01m8f83xa97y4ekj8w5t9gsagj';
    let deleted = false;
    const handler: Handler = ({ method, path }) => {
      if (path === `/scenarios/${id}` && method === 'GET')
        return deleted ? { status: 404, body: { status: 404, title: 'Not Found' } } : { status: 200, body: { id, name: 'Test suppr', builtIn: false, customized: false, tags: [], steps: scenario.steps } };
      if (path === `/scenarios/${id}` && method === 'DELETE') return (deleted = true), { status: 204 };
      if (path.startsWith('/templates')) return { status: 200, body: { items: [{ id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr', purpose: 'reminder' }] } };
      return undefined;
    };
    fakeApi(handler);
    vi.stubGlobal('confirm', vi.fn(() => true));
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={[`/scenarios/${id}`]}>
          <Routes>
            <Route path="/scenarios" element={<p>Liste des scénarios</p>} />
            <Route path="/scenarios/:id" element={<ScenarioScreen />} />
          </Routes>
          <AlertsBadge slow={() => deleted} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Supprimer ce scénario' }));
    await screen.findByText('Liste des scénarios', {}, { timeout: 2000 });
    expect(deleted).toBe(true);
  });
});
