import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { Page, renderWithHistory } from '../../../test/history';
import NewClientScreen from './new-client-screen';

describe('a client just created', () => {
  it('is left with the back button for the list it was created from, not an empty "Nouveau client" form', async () => {
    const calls = fakeApi(({ method, path }) => {
      if (path === '/clients' && method === 'POST') return { status: 201, body: { id: 'c9', name: 'Café du Port', kind: 'business', email: 'cafe@port.test' } };
      if (path.startsWith('/scenarios')) return { status: 200, body: { items: [] } };
      return undefined;
    });
    renderWithHistory(['/clients', '/clients/new'], [
      { path: '/clients', element: <Page name="Liste des clients" /> },
      { path: '/clients/new', element: <NewClientScreen /> },
      { path: '/clients/:id', element: <Page name="Fiche client" /> },
    ]);
    await userEvent.type(await screen.findByLabelText('Nom'), 'Café du Port');
    await userEvent.type(screen.getByLabelText('E-mail'), 'cafe@port.test');
    await userEvent.click(screen.getByRole('button', { name: 'Créer' }));
    expect(await screen.findByText('Fiche client /clients/c9')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retour du navigateur' }));
    await waitFor(() => expect(screen.getByText('Liste des clients /clients')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });
});
