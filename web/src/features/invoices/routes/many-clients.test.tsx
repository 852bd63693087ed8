import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi, type Handler } from '../../../test/fake-api';
import NewQuoteScreen from '../../quotes/routes/new-quote-screen';
import InvoiceScreen from './invoice-screen';
import NewInvoiceScreen from './new-invoice-screen';

/** 150 clients: GET /clients answers 100 a page, the last 50 on the page its cursor points to. */
const clients = Array.from({ length: 150 }, (_, i) => ({ id: `c${i}`, name: `Client ${String(i).padStart(3, '0')}`, kind: 'business', email: `c${i}@x.test`, language: 'fr' }));
const clientPages: Handler = ({ path }) => {
  if (path === '/clients?limit=100') return { status: 200, body: { items: clients.slice(0, 100), nextCursor: 'page2' } };
  if (path === '/clients?limit=100&cursor=page2') return { status: 200, body: { items: clients.slice(100) } };
  return undefined;
};

const invoice = {
  id: 'inv1',
  clientId: 'c142',
  kind: 'standard',
  number: 'F-2026-0042',
  status: 'draft',
  issueDate: '2026-11-26',
  dueDate: '2026-12-26',
  currency: 'EUR',
  lines: [{ description: 'Remplacement mitigeur', quantity: 1, unitPriceCents: 18_000, vatRate: 20 }],
  totals: { netCents: 18_000, vatCents: 3_600, grossCents: 21_600, vatBreakdown: [] },
  paidCents: 0,
  creditedCents: 0,
  balanceCents: 21_600,
  overdue: false,
  daysLate: 0,
  remindersPaused: false,
  disputed: false,
};

const renderAt = (url: string, pattern: string, element: React.ReactNode) =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path={pattern} element={element} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );

describe('a tenant with more than 100 clients (after an import)', () => {
  it('names the client of an invoice whose client is past the first 100, with a link to it (it showed "…")', async () => {
    fakeApi((r) => (r.path === '/invoices/inv1' ? { status: 200, body: invoice } : clientPages(r)));
    renderAt('/invoices/inv1', '/invoices/:id', <InvoiceScreen />);
    const link = await screen.findByRole('link', { name: 'Client 142' });
    expect(link.getAttribute('href')).toBe('/clients/c142');
  });

  it('offers every client in the new invoice’s and the new quote’s pickers, the 150th too, and preselects one past the first 100 ("Facturer ce client")', async () => {
    fakeApi(clientPages);
    const invoiceForm = renderAt('/invoices/new?client=c120', '/invoices/new', <NewInvoiceScreen />);
    const picker = (await screen.findByLabelText('Client')) as HTMLSelectElement;
    expect(within(picker).getAllByRole('option')).toHaveLength(151); // "Choisir un client" and the 150
    expect(within(picker).getByRole('option', { name: 'Client 149' })).toBeTruthy();
    expect(picker.value).toBe('c120');
    invoiceForm.unmount();

    fakeApi(clientPages);
    renderAt('/quotes/new', '/quotes/new', <NewQuoteScreen />);
    const quotePicker = (await screen.findByLabelText('Client')) as HTMLSelectElement;
    expect(within(quotePicker).getByRole('option', { name: 'Client 149' })).toBeTruthy();
  });
});
