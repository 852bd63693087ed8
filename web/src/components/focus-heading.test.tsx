import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { createMemoryRouter, Link, Outlet, RouterProvider, useLocation } from 'react-router';
import { useFocusHeadingOnNavigation } from './focus-heading';

const Shell = () => {
  useFocusHeadingOnNavigation(useLocation().pathname);
  return (
    <>
      <nav>
        <Link to="/">Accueil</Link> <Link to="/clients">Clients</Link> <Link to="/clients?tab=late">En retard</Link> <Link to="/slow">Lent</Link>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
};
/** A screen whose heading comes with its data, as a screen loading from the API. */
const Slow = () => {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setReady(true), 50);
    return () => clearTimeout(timer);
  }, []);
  return (
    <>
      {ready ? <h1>Chargé</h1> : <p role="status">Chargement…</p>}
      <input aria-label="Note" />
    </>
  );
};

const app = () =>
  createMemoryRouter(
    [
      {
        path: '/',
        element: <Shell />,
        children: [
          { index: true, element: <h1>Bonjour</h1> },
          { path: 'clients', element: <><h1>Clients</h1><input aria-label="Rechercher" /></> },
          { path: 'slow', element: <Slow /> },
        ],
      },
    ],
    { initialEntries: ['/'] },
  );

describe('the focus after a navigation', () => {
  it('moves to the new screen’s heading, not on the first load, nor when only the query changes, nor away from a field being typed in', async () => {
    render(<RouterProvider router={app()} />);
    expect(document.activeElement).toBe(document.body); // first load: left to the browser
    await userEvent.click(screen.getByRole('link', { name: 'Clients' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Clients' })));
    expect(screen.getByRole('heading', { level: 1 }).getAttribute('tabindex')).toBe('-1');
    // A tab of the same screen (the query changes, not the path): the focus stays where it is.
    await userEvent.click(screen.getByRole('link', { name: 'En retard' }));
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'En retard' }));
    // A heading that comes after the screen's data is waited for.
    await userEvent.click(screen.getByRole('link', { name: 'Lent' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Chargé' })));
    await userEvent.click(screen.getByRole('link', { name: 'Accueil' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Bonjour' })));
  });

  it('leaves the focus in a field the user has started typing in before the heading came', async () => {
    const router = app();
    render(<RouterProvider router={router} />);
    await act(() => router.navigate('/slow'));
    const note = screen.getByLabelText('Note');
    note.focus();
    await screen.findByRole('heading', { level: 1, name: 'Chargé' });
    await new Promise((r) => setTimeout(r, 20));
    expect(document.activeElement).toBe(note);
  });
});
