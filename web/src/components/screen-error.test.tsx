import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import ClientScreen from '../features/clients/routes/client-screen';
import InvoiceScreen from '../features/invoices/routes/invoice-screen';
import QuoteScreen from '../features/quotes/routes/quote-screen';
import TemplateScreen from '../features/templates/routes/template-screen';
import { fakeApi } from '../test/fake-api';
import { plain } from '../test/plain';

const at = (path: string, pattern: string, element: ReactNode) =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={pattern} element={element} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );

describe('a screen whose item cannot be loaded', () => {
  it('is still a screen with its heading and tab title: "Page introuvable." for a 404, with the way home', async () => {
    fakeApi(() => ({ status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Invoice not found' } }));
    const screens: [string, string, ReactNode][] = [
      ['/invoices/x', '/invoices/:id', <InvoiceScreen />],
      ['/clients/x', '/clients/:id', <ClientScreen />],
      ['/quotes/x', '/quotes/:id', <QuoteScreen />],
      ['/templates/x', '/templates/:id', <TemplateScreen />],
    ];
    for (const [path, pattern, element] of screens) {
      at(path, pattern, element);
      const heading = await screen.findByRole('heading', { level: 1 });
      expect(heading.textContent, path).toBe('Page introuvable.');
      expect(document.title, path).toBe('Page introuvable. · Relances');
      expect(within(screen.getByRole('alert')).getByRole('link', { name: 'Retour à l’accueil' })).toBeTruthy();
      cleanup();
    }
  });

  it('takes a link whose id the API refuses as malformed (400 on path.id) for a missing page: the way home, no retry that cannot help', async () => {
    fakeApi(() => ({ status: 400, body: { type: 'https://relances.dev/problems/validation', title: 'Invalid request', status: 400, errors: [{ path: 'path.id', message: 'must be a scenario or template id' }] } }));
    at('/templates/XYZ', '/templates/:id', <TemplateScreen />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Page introuvable.');
    const alert = screen.getByRole('alert');
    expect(plain(alert.textContent)).toContain('Ce lien ne mène à rien : il est peut-être incomplet ou mal recopié.');
    expect(within(alert).getByRole('link', { name: 'Retour à l’accueil' }).getAttribute('href')).toBe('/');
    expect(within(alert).queryByRole('button', { name: 'Réessayer' })).toBeNull();
  });

  it('says the screen could not be shown for a server error, with a retry', async () => {
    fakeApi(() => ({ status: 500, body: { type: 'about:blank', title: 'Internal Server Error', status: 500 } }));
    at('/invoices/x', '/invoices/:id', <InvoiceScreen />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Cet écran n’a pas pu s’afficher.');
    expect(within(screen.getByRole('alert')).getByRole('button', { name: 'Réessayer' })).toBeTruthy();
  });
});
