import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import InvoiceScreen from './invoice-screen';

/** An invoice the client disputed, then (litigation, write-off) closed as a bad debt. */
const invoiceOf = (status: string) => ({
  id: 'inv1',
  clientId: 'c1',
  number: 'F-2026-0042',
  status,
  issueDate: '2026-06-01',
  dueDate: '2026-07-01',
  currency: 'EUR',
  lines: [{ description: 'Dépannage', quantity: 1, unitPriceCents: 10_000, vatRate: 20 }],
  totals: { netCents: 10_000, vatCents: 2_000, grossCents: 12_000, vatBreakdown: [] },
  paidCents: 0,
  creditedCents: status === 'written_off' ? 12_000 : 0,
  balanceCents: status === 'written_off' ? 0 : 12_000,
  overdue: status !== 'written_off',
  daysLate: status === 'written_off' ? 0 : 148,
  remindersPaused: false,
  disputed: true,
  disputeReason: 'Travaux non terminés',
});

const renderInvoice = (status: string) => {
  fakeApi(({ path }) => {
    if (path === '/invoices/inv1') return { status: 200, body: invoiceOf(status) };
    if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Garage Lefèvre' }] } };
    return undefined;
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={['/invoices/inv1']}>
        <Routes>
          <Route path="/invoices/:id" element={<InvoiceScreen />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
};

const menuItems = async () => {
  await userEvent.click(screen.getByRole('button', { name: /Plus d’actions/ }));
  return (await screen.findAllByRole('menuitem')).map((i) => i.textContent);
};

describe('a disputed invoice on its page', () => {
  it('while it is to collect: "En litige", the reason, and "Litige résolu" in the menu', async () => {
    renderInvoice('sent');
    const header = (await screen.findByRole('heading', { level: 1 })).parentElement!;
    expect(within(header.parentElement!).getByText('En litige')).toBeTruthy();
    expect(screen.getByTestId('hold-notice').textContent).toContain('Travaux non terminés');
    expect(await menuItems()).toContain('Litige résolu');
  });

  it('once written off it is closed: no "En litige", no dispute reason held up, no "Litige résolu" to offer', async () => {
    renderInvoice('written_off');
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getAllByText('Passée en perte').length).toBeGreaterThan(0);
    expect(screen.queryByText('En litige')).toBeNull();
    expect(screen.queryByTestId('hold-notice')).toBeNull();
    expect(await menuItems()).not.toContain('Litige résolu');
  });
});
