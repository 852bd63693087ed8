import { act, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
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
