import { screen, waitFor } from '@testing-library/react';
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
