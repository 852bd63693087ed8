import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import InvoiceScreen from '../routes/invoice-screen';
import { Payments } from './payments';

describe('removing a payment', () => {
  it('says the payment was removed and keeps the keyboard’s place: the focus goes to the payments’ heading, not the page’s top', async () => {
    let removed = false;
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/invoices/i1/payments')
        return { status: 200, body: { items: [{ id: 'p1', amountCents: 60_000, date: '2026-11-02', method: 'transfer', ...(removed ? { removedAt: '2026-11-26T10:00:00.000Z' } : {}) }] } };
      if (method === 'DELETE' && path === '/invoices/i1/payments/p1') {
        removed = true;
        return { status: 200, body: { id: 'i1', status: 'sent', balanceCents: 138_000 } };
      }
      return undefined;
    });
    vi.stubGlobal('confirm', () => true);
    try {
      renderInApp(<Payments invoiceId="i1" canPay={false} />);
      const remove = await screen.findByRole('button', { name: /^Retirer 600,00/ });
      remove.focus();
      await userEvent.keyboard('{Enter}');
      await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
      const status = await screen.findByRole('status');
      expect(status.textContent?.replace(/[\u202f\u00a0]/g, ' ')).toBe('Paiement de 600,00 € retiré.');
      expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Paiements' }));
      await waitFor(() => expect(screen.queryByRole('button', { name: /^Retirer/ })).toBeNull());
      expect(screen.getByText('(retiré)')).toBeTruthy();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('the removal said on the invoice screen', () => {
  it('goes at the next action on the screen (« Paiement de 600,00 € retiré. » stayed under a new portal link, a pause…, as if their outcome)', async () => {
    let removed = false;
    const invoice = {
      id: 'i4', clientId: 'c1', number: 'F-2026-0007', status: 'sent', issueDate: '2026-11-02', dueDate: '2026-12-02', currency: 'EUR',
      lines: [{ description: 'Chaudière', quantity: 1, unitPriceCents: 165_000, vatRate: 20 }],
      totals: { netCents: 165_000, vatCents: 33_000, grossCents: 198_000, vatBreakdown: [] },
      paidCents: 0, creditedCents: 0, balanceCents: 198_000, overdue: false, daysLate: 0, remindersPaused: false, disputed: false,
    };
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/invoices/i4') return { status: 200, body: invoice };
      if (method === 'GET' && path === '/invoices/i4/payments')
        return { status: 200, body: { items: [{ id: 'p1', amountCents: 60_000, date: '2026-11-02', method: 'transfer', createdAt: '2026-11-02T10:00:00.000Z', ...(removed ? { removedAt: '2026-11-26T10:00:00.000Z' } : {}) }] } };
      if (method === 'GET' && path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Boulangerie Martin' }] } };
      if (method === 'DELETE' && path === '/invoices/i4/payments/p1') {
        removed = true;
        return { status: 200, body: { ...invoice, balanceCents: 198_000 } };
      }
      if (method === 'POST' && path === '/invoices/i4/portal-link') return { status: 200, body: { url: 'https://app.test/p/xyz', issuedAt: '2026-11-26T10:01:00.000Z' } };
      return undefined;
    });
    vi.stubGlobal('confirm', () => true);
    try {
      render(
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <MemoryRouter initialEntries={['/invoices/i4']}>
            <Routes>
              <Route path="/invoices/:id" element={<InvoiceScreen />} />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>,
      );
      await userEvent.click(await screen.findByRole('button', { name: /^Retirer 600,00/ }));
      await screen.findByText(/^Paiement de 600,00.€ retiré\.$/);
      // Another action, unrelated to payments: a new portal link from the menu.
      await userEvent.click(screen.getByRole('button', { name: /Plus d’actions/ }));
      await userEvent.click(await screen.findByRole('menuitem', { name: 'Nouveau lien du portail client' }));
      await screen.findByTestId('portal-link');
      expect(calls.some((c) => c.method === 'POST' && c.path === '/invoices/i4/portal-link')).toBe(true);
      expect(screen.queryByText(/retiré\.$/)).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('a payment that settles the invoice', () => {
  it('is said, and the focus goes to the payments’ heading as the form goes (it fell to the page’s top, nothing said)', async () => {
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/invoices/i2/payments') return { status: 200, body: { items: [] } };
      if (method === 'POST' && path === '/invoices/i2/payments') return { status: 201, body: { id: 'p9', amountCents: 78_050, date: '2026-11-26', method: 'transfer' } };
      return undefined;
    });
    // The invoice screen passes canPay from the invoice, refetched once paid: here set by hand.
    let settle = () => {};
    const Harness = () => {
      const [canPay, setCanPay] = useState(true);
      settle = () => setCanPay(false);
      return <Payments invoiceId="i2" canPay={canPay} />;
    };
    renderInApp(<Harness />);
    await userEvent.type(await screen.findByLabelText('Montant (€)'), '780,50');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer un paiement' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    await screen.findByText(/Paiement de 780,50.€ enregistré\./);
    act(() => settle());
    await waitFor(() => expect(screen.queryByLabelText('Montant (€)')).toBeNull());
    expect((await screen.findByRole('status')).textContent?.replace(/[\u202f\u00a0]/g, ' ')).toBe('Paiement de 780,50 € enregistré : la facture est réglée.');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Paiements' }));
  });

  it('is not said of a partial payment when a credit note closes the balance afterwards (it read "la facture est réglée" under a 200 € payment)', async () => {
    fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/invoices/i3/payments') return { status: 200, body: { items: [] } };
      if (method === 'POST' && path === '/invoices/i3/payments')
        return { status: 201, body: { id: 'p3', amountCents: 20_000, date: '2026-11-26', method: 'transfer', invoice: { id: 'i3', status: 'partially_paid', balanceCents: 73_500 } } };
      return undefined;
    });
    let settle = () => {};
    const Harness = () => {
      const [canPay, setCanPay] = useState(true);
      settle = () => setCanPay(false);
      return <Payments invoiceId="i3" canPay={canPay} />;
    };
    renderInApp(<Harness />);
    await userEvent.type(await screen.findByLabelText('Montant (€)'), '200');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer un paiement' }));
    await screen.findByText(/Paiement de 200,00.€ enregistré\./);
    // A credit note of the balance: the invoice is closed, its payment form goes.
    act(() => settle());
    await waitFor(() => expect(screen.queryByLabelText('Montant (€)')).toBeNull());
    expect(screen.queryByText(/la facture est réglée/)).toBeNull();
  });
});
