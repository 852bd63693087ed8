import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import QuoteScreen from './routes/quote-screen';

const accepted = {
  id: 'q1', number: 'D-2026-0001', sentAt: '2026-11-21T09:00:00.000Z', clientId: 'c1', status: 'accepted', issueDate: '2026-11-20', validUntil: '2026-12-20', lines: [],
  job: { quotedCents: 138_000, invoicedCents: 0, paidCents: 0, remainingCents: 138_000, documents: [] as unknown[] },
};

describe('a deposit or final invoice made from an accepted quote', () => {
  it('says the job has no invoice yet without "once accepted", then says the draft made and links to it to send it', async () => {
    let quote = accepted;
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/quotes/q1') return { status: 200, body: quote };
      if (method === 'POST' && path === '/quotes/q1/deposits') {
        quote = { ...accepted, job: { ...accepted.job, documents: [{ id: 'd1', type: 'deposit', status: 'draft', grossCents: 41_400, balanceCents: 41_400 }] } };
        return { status: 201, body: { id: 'd1', status: 'draft', clientId: 'c1', balanceCents: 41_400, totals: { netCents: 37_500, vatCents: 3_900, grossCents: 41_400, vatBreakdown: [] } } };
      }
      // As the API answers: the final's totals are the job's (1 380,00 €), the deposit issued is deducted from them.
      if (method === 'POST' && path === '/quotes/q1/final-invoice')
        return { status: 201, body: { id: 'f1', status: 'draft', clientId: 'c1', deductedCents: 41_400, balanceCents: 96_600, totals: { netCents: 115_000, vatCents: 23_000, grossCents: 138_000, vatBreakdown: [] } } };
      if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Jean Durand' }] } };
      if (path.startsWith('/quotes/q1/timeline')) return { status: 200, body: { items: [] } };
      return undefined;
    });
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/quotes/q1']}>
          <Routes>
            <Route path="/quotes/:id" element={<QuoteScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Aucune facture pour ce devis : créez un acompte ou la facture finale.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Créer l’acompte' }));
    await waitFor(() => expect(screen.getByText(/Acompte de/).textContent?.replace(/[\u202f\u00a0]/g, ' ')).toBe('Acompte de 414,00 € créé en brouillon. L’ouvrir pour l’envoyer'));
    expect(screen.getByRole('link', { name: 'L’ouvrir pour l’envoyer' }).getAttribute('href')).toBe('/invoices/d1');
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([['/quotes/q1/deposits', { percent: 30 }]]);
    await userEvent.click(screen.getByRole('button', { name: 'Créer la facture finale' }));
    await waitFor(() => expect(screen.getByRole('link', { name: 'L’ouvrir pour l’envoyer' }).getAttribute('href')).toBe('/invoices/f1'));
    expect(screen.getByText(/Facture finale de/).textContent?.replace(/[\u202f\u00a0]/g, ' ')).toContain('Facture finale de 966,00 € créée en brouillon.');
    expect(screen.queryByText(/Acompte de/)).toBeNull();
  });

  it('lists a draft deposit by what it is, "Brouillon" said once (the badge), and an issued one by its number', async () => {
    const documents = [
      { id: 'd1', type: 'deposit', status: 'draft', grossCents: 41_400, balanceCents: 41_400 },
      { id: 'd0', type: 'deposit', number: 'F-2026-0006', status: 'sent', grossCents: 20_000, balanceCents: 20_000 },
    ];
    fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/quotes/q1') return { status: 200, body: { ...accepted, job: { ...accepted.job, documents } } };
      if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Jean Durand' }] } };
      if (path.startsWith('/quotes/q1/timeline')) return { status: 200, body: { items: [] } };
      return undefined;
    });
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/quotes/q1']}>
          <Routes>
            <Route path="/quotes/:id" element={<QuoteScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const draft = (await screen.findByRole('link', { name: 'Facture d’acompte' })).closest('li')!;
    expect(draft.querySelector('a')!.getAttribute('href')).toBe('/invoices/d1');
    expect(draft.textContent!.match(/Brouillon/g)).toEqual(['Brouillon']);
    const issued = screen.getByRole('link', { name: 'F-2026-0006' }).closest('li')!;
    expect(issued.textContent).toContain('Acompte');
  });
});
