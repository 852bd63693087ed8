import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import InvoiceScreen from './invoice-screen';

/**
 * A 223,85 € invoice paid 220,00 €, its 3,85 € left closed by a credit note: written off (or cancelled). The API refuses
 * to remove its payments (422 invoice-closed); the screen offered "Retirer", asked "Le reste dû remonte d’autant ?", then
 * failed.
 */
const closedInvoice = (status: 'written_off' | 'cancelled' | 'partially_paid') => ({
  id: 'wo1',
  clientId: 'c1',
  number: 'F-2026-0002',
  status,
  issueDate: '2026-11-27',
  dueDate: '2026-11-27',
  currency: 'EUR',
  lines: [{ description: 'Dépannage', quantity: 1, unitPriceCents: 20_350, vatRate: 10 }],
  totals: { netCents: 20_350, vatCents: 2_035, grossCents: 22_385, vatBreakdown: [] },
  paidCents: 22_000,
  creditedCents: status === 'partially_paid' ? 0 : 385,
  balanceCents: status === 'partially_paid' ? 385 : 0,
  overdue: false,
  daysLate: 0,
  remindersPaused: false,
  disputed: false,
});

const renderWith = (status: 'written_off' | 'cancelled' | 'partially_paid') => {
  fakeApi(({ path }) => {
    if (path === '/invoices/wo1') return { status: 200, body: closedInvoice(status) };
    if (path === '/invoices/wo1/payments') return { status: 200, body: { items: [{ id: 'p1', invoiceId: 'wo1', amountCents: 22_000, date: '2026-11-27', method: 'cash', createdAt: '2026-11-27T10:00:00.000Z' }] } };
    if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Jean-Édouard Nöël' }] } };
    return undefined;
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={['/invoices/wo1']}>
        <Routes>
          <Route path="/invoices/:id" element={<InvoiceScreen />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
};

describe('the payments of an invoice a credit note closed', () => {
  it.each(['written_off', 'cancelled'] as const)('lists them without a "Retirer" the API would refuse (%s)', async (status) => {
    renderWith(status);
    await screen.findByText(/220,00.€ · Espèces/);
    expect(screen.queryByRole('button', { name: /^Retirer 220,00/ })).toBeNull();
  });

  it('still offers "Retirer" while the invoice is open', async () => {
    renderWith('partially_paid');
    expect(await screen.findByRole('button', { name: /^Retirer 220,00/ })).toBeTruthy();
  });
});
