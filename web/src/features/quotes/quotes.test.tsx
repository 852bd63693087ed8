import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import type { Quote } from './api';
import { QuoteTimeline } from './components/quote-timeline';
import { EditQuoteForm } from './routes/edit-quote-screen';
import QuotesScreen from './routes/quotes-screen';
import QuoteScreen from './routes/quote-screen';
import { saying } from '../../test/plain';

const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

describe('quote screens', () => {
  it('calls a quote not sent yet a draft, and a sent one awaiting the answer', async () => {
    const job = { quotedCents: 480_000, invoicedCents: 0, paidCents: 0, remainingCents: 480_000 };
    const quote = (id: string, extra: object) => ({ id, clientId: 'c1', status: 'pending', issueDate: '2026-11-20', validUntil: '2026-12-20', lines: [], job, ...extra });
    fakeApi(({ path }) => {
      if (path.startsWith('/quotes?')) return { status: 200, body: { items: [quote('q1', {}), quote('q2', { number: 'D-2026-0001', sentAt: '2026-11-21T09:00:00.000Z' })] } };
      if (path.startsWith('/clients?')) return { status: 200, body: { items: [{ id: 'c1', name: 'Marie Martin' }] } };
      return undefined;
    });
    renderInApp(<QuotesScreen />);
    const rows = await screen.findAllByRole('row');
    await waitFor(() => expect(rows.slice(1).map((r) => r.querySelector('.badge')?.textContent)).toEqual(['Brouillon', 'En attente']));
  });


  it('says a refused or expired quote leaves nothing to invoice nor to pay, on its page and in the list', async () => {
    const job = { quotedCents: 180_000, invoicedCents: 0, paidCents: 0, remainingCents: 180_000, documents: [] };
    const quote = (id: string, status: string, number: string) => ({ id, number, sentAt: '2026-11-21T09:00:00.000Z', clientId: 'c1', status, issueDate: '2026-11-20', validUntil: '2026-12-20', lines: [], job });
    fakeApi(({ path }) => {
      if (path.startsWith('/quotes?')) return { status: 200, body: { items: [quote('q1', 'refused', 'D-2026-0002'), quote('q2', 'expired', 'D-2026-0001')] } };
      if (path === '/quotes/q1') return { status: 200, body: quote('q1', 'refused', 'D-2026-0002') };
      if (path.startsWith('/quotes/q1/')) return { status: 200, body: { items: [] } };
      if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Café du Port' }] } };
      return undefined;
    });
    const { unmount } = renderInApp(<QuotesScreen />);
    const rows = await screen.findAllByRole('row');
    await waitFor(() => expect(rows.slice(1).map((r) => r.querySelectorAll('td')[4]?.textContent)).toEqual(['—', '—']));
    unmount();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/quotes/q1']}>
          <Routes>
            <Route path="/quotes/:id" element={<QuoteScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await screen.findByText('Devis refusé par le client : rien à facturer. Pour reprendre le chantier, faites un nouveau devis.');
    expect(screen.getByText('Devisé')).toBeTruthy();
    expect(screen.queryByText('Reste à payer')).toBeNull();
  });

  it('reaches quotes past the first page (the oldest, their jobs still to be paid) with "Voir plus"', async () => {
    const job = { quotedCents: 100_000, invoicedCents: 0, paidCents: 0, remainingCents: 100_000 };
    const quote = (i: number) => ({ id: `q${i}`, number: `D-2026-${String(i).padStart(4, '0')}`, sentAt: '2026-11-21T09:00:00.000Z', clientId: 'c1', status: 'accepted', issueDate: '2026-11-20', validUntil: '2026-12-20', lines: [], job });
    const calls = fakeApi(({ path }) => {
      if (path === '/quotes?limit=50') return { status: 200, body: { items: Array.from({ length: 50 }, (_, i) => quote(53 - i)), nextCursor: 'next' } };
      if (path === '/quotes?limit=50&cursor=next') return { status: 200, body: { items: [quote(3), quote(2), quote(1)] } };
      if (path.startsWith('/clients?')) return { status: 200, body: { items: [{ id: 'c1', name: 'Marie Martin' }] } };
      return undefined;
    });
    renderInApp(<QuotesScreen />);
    await screen.findByRole('link', { name: 'D-2026-0053' });
    expect(screen.queryByRole('link', { name: 'D-2026-0001' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Voir plus' }));
    await screen.findByRole('link', { name: 'D-2026-0001' });
    expect(screen.getAllByRole('row')).toHaveLength(54); // the header and 53 quotes
    expect(screen.queryByRole('button', { name: 'Voir plus' })).toBeNull();
    expect(calls.filter((c) => c.path.startsWith('/quotes?')).map((c) => c.path)).toEqual(['/quotes?limit=50', '/quotes?limit=50&cursor=next']);
  });

  it('asks before marking a quote refused (final; the button sits next to "Accepté par le client")', async () => {
    const job = { quotedCents: 100_000, invoicedCents: 0, paidCents: 0, remainingCents: 100_000 };
    const sent = { id: 'q1', number: 'D-2026-0001', sentAt: '2026-11-21T09:00:00.000Z', clientId: 'c1', status: 'pending', issueDate: '2026-11-20', validUntil: '2026-12-20', lines: [], job: { ...job, documents: [] } };
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/quotes/q1') return { status: 200, body: sent };
      if (method === 'POST' && path === '/quotes/q1/refuse') return { status: 200, body: { ...sent, status: 'refused' } };
      if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Marie Martin' }] } };
      if (path.startsWith('/quotes/q1/timeline')) return { status: 200, body: { items: [] } };
      return undefined;
    });
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    try {
      render(
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <MemoryRouter initialEntries={['/quotes/q1']}>
            <Routes>
              <Route path="/quotes/:id" element={<QuoteScreen />} />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>,
      );
      await userEvent.click(await screen.findByRole('button', { name: 'Refusé par le client' }));
      expect(confirm).toHaveBeenCalledWith(saying('Noter ce devis comme refusé par le client ? C’est définitif.'));
      expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
      confirm.mockReturnValue(true);
      await userEvent.click(screen.getByRole('button', { name: 'Refusé par le client' }));
      await waitFor(() => expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/quotes/q1/refuse']));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('shows the quote’s history with a label per event', async () => {
    fakeApi(({ path }) =>
      path.startsWith('/quotes/q1/timeline')
        ? { status: 200, body: { items: [{ at: '2026-11-20T09:00:00.000Z', type: 'quote.created' }, { at: '2026-11-21T09:00:00.000Z', type: 'quote.sent' }, { at: '2026-11-22T09:00:00.000Z', type: 'quote.accepted' }] } }
        : undefined,
    );
    renderInApp(<QuoteTimeline quoteId="q1" />);
    const list = await screen.findByTestId('quote-timeline');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent?.replace(/^.*?\d{2}:\d{2}\s*/, ''))).toEqual(['Devis créé', 'Devis envoyé par e-mail', 'Devis accepté']);
  });

  it('edits a quote not yet sent: validity after the quote date, the patch in the API’s shape', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    const quote = { id: 'q1', status: 'pending', issueDate: '2026-11-20', validUntil: '2026-12-20', lines: [{ description: 'Pose cuisine', quantity: 1, unitPriceCents: 500_000, vatRate: 10 }] } as unknown as Quote;
    renderInApp(<EditQuoteForm quote={quote} onSubmit={onSubmit} />);
    const valid = screen.getByLabelText('Valable jusqu’au');
    await userEvent.clear(valid);
    await userEvent.type(valid, '2026-11-01');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le devis' }));
    await waitFor(() => expect(errorOf(valid)).toBe('La validité ne peut pas précéder la date du devis.'));
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.clear(valid);
    await userEvent.type(valid, '2027-01-20');
    await userEvent.type(screen.getByLabelText('Notes'), 'Hors électroménager');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le devis' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ issueDate: '2026-11-20', validUntil: '2027-01-20', lines: [{ description: 'Pose cuisine', quantity: 1, unitPriceCents: 500_000, vatRate: 10 }], notes: 'Hors électroménager' }),
    );
  });
});
