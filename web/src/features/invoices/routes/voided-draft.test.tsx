import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import InvoiceScreen from './invoice-screen';

/**
 * A draft cancelled before it was ever sent (POST /invoices/{id}/cancel on a draft): never numbered nor issued. Its page
 * read "Annulée", then "Reste dû 12,00 €" (the API's balance of an invoice with no credit note), a payments section
 * and a reminder plan of five cancelled steps it never had.
 */
const voidedDraft = {
  id: 'd1',
  clientId: 'c1',
  status: 'cancelled',
  issueDate: '2026-11-27',
  dueDate: '2026-12-27',
  currency: 'EUR',
  lines: [{ description: 'Brouillon à jeter', quantity: 1, unitPriceCents: 1_000, vatRate: 20 }],
  totals: { netCents: 1_000, vatCents: 200, grossCents: 1_200, vatBreakdown: [] },
  paidCents: 0,
  creditedCents: 0,
  balanceCents: 1_200,
  overdue: false,
  daysLate: 0,
  remindersPaused: false,
  disputed: false,
};

describe('a draft cancelled before it was sent', () => {
  it('shows its total and history, and nothing owed, paid or chased', async () => {
    const calls = fakeApi(({ path }) => {
      if (path === '/invoices/d1') return { status: 200, body: voidedDraft };
      if (path.startsWith('/invoices/d1/payments')) return { status: 200, body: { items: [] } };
      if (path.startsWith('/invoices/d1/timeline')) return { status: 200, body: { items: [{ at: '2026-11-27T19:45:57.381Z', type: 'invoice.voided', data: { from: 'draft' } }] } };
      if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Mme Durand', kind: 'consumer' }] } };
      return undefined;
    });
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/invoices/d1']}>
          <Routes>
            <Route path="/invoices/:id" element={<InvoiceScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await screen.findByText(/Brouillon annulé/);
    expect(screen.getAllByText('Total TTC').length).toBeGreaterThan(0);
    expect(screen.queryByText('Reste dû')).toBeNull();
    expect(screen.queryByTestId('balance')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Paiements' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Plan de relance' })).toBeNull();
    expect(calls.some((c) => c.path.startsWith('/invoices/d1/reminders'))).toBe(false);
  });
});
