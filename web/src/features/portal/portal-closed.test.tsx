import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import type { Portal } from './plan-request';
import PortalScreen from './portal-screen';
import { plain } from '../../test/plain';

/** A portal whose balance is nil: paid, or closed by the seller (write-off, full credit note). */
const portalOf = (status: string, language = 'fr') =>
  ({
    language,
    seller: { name: 'Plomberie Martin', siren: '123456782' },
    client: { name: 'Garage Lefèvre' },
    invoice: {
      number: 'F-2026-0042',
      issueDate: '2026-10-01',
      dueDate: '2026-10-31',
      currency: 'EUR',
      lines: [{ description: 'Dépannage', quantity: 1, unitPriceCents: 10_000, vatRate: 20 }],
      totals: { netCents: 10_000, vatCents: 2_000, grossCents: 12_000, vatBreakdown: [] },
      paidCents: status === 'paid' ? 12_000 : 0,
      creditedCents: status === 'paid' ? 0 : 12_000,
      balanceCents: 0,
      status,
      overdue: false,
      daysLate: 0,
    },
    payments: status === 'paid' ? [{ date: '2026-11-20', amountCents: 12_000 }] : [],
    payment: { reference: 'F-2026-0042', iban: 'FR7630006000011234567890189' },
    reminders: { paused: false, disputed: false },
    actions: { claimPaid: false, promise: false, dispute: false, planRequest: false },
  }) as unknown as Portal;

const renderPortal = (portal: Portal) => {
  fakeApi(({ method, path }) => (method === 'GET' && path === '/portal/tok1' ? { status: 200, body: portal } : undefined));
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={['/p/tok1']}>
        <Routes>
          <Route path="/p/:token" element={<PortalScreen />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
};

describe('the client portal of an invoice with nothing left to pay', () => {
  it('thanks the client for a paid invoice', async () => {
    renderPortal(portalOf('paid'));
    expect((await screen.findByText('Cette facture est réglée. Merci !')).getAttribute('role')).toBe('status');
    expect(screen.getByText('Payée')).toBeTruthy();
  });

  it('says nothing of a promise, a "j’ai payé" or a pause once the invoice is paid: they held reminders that no longer go', async () => {
    const held = { ...(portalOf('paid') as unknown as Record<string, unknown>), reminders: { paused: true, pausedUntil: '2026-12-08', disputed: false, promisedFor: '2026-12-07', paidClaim: { date: '2026-11-20' } } };
    renderPortal(held as unknown as Portal);
    await screen.findByText('Cette facture est réglée. Merci !');
    // It read "C’est noté : vous payerez le 7 déc. 2026. Aucune relance d’ici là." under the thanks.
    expect(screen.queryByTestId('portal-status')).toBeNull();
    expect(screen.queryByText(/vous payerez|relance/)).toBeNull();
  });

  it('does not thank for a written-off invoice, nor tell the client it was "passée en perte"', async () => {
    renderPortal(portalOf('written_off'));
    expect((await screen.findByText('Il ne reste rien à payer sur cette facture.')).getAttribute('role')).toBe('status');
    expect(screen.queryByText('Passée en perte')).toBeNull();
    expect(screen.getByText('Close')).toBeTruthy();
  });

  it('says the same in English', async () => {
    renderPortal(portalOf('written_off', 'en'));
    expect((await screen.findByText('Nothing is left to pay on this invoice.')).getAttribute('role')).toBe('status');
    expect(screen.queryByText('Written off')).toBeNull();
    expect(screen.getByText('Closed')).toBeTruthy();
  });
});

describe('the client portal of a disputed invoice', () => {
  const disputed = (status: string, disputedByClient: boolean | undefined, language = 'fr') => {
    const base = portalOf(status, language) as unknown as Record<string, any>;
    const open = status !== 'written_off';
    return {
      ...base,
      invoice: { ...base.invoice, ...(open ? { creditedCents: 0, balanceCents: 12_000, status: 'sent' } : {}) },
      reminders: { paused: false, disputed: true, ...(disputedByClient ? { disputedByClient } : {}) },
    } as unknown as Portal;
  };

  it('says "votre contestation est transmise" when the client raised it here', async () => {
    renderPortal(disputed('sent', true));
    expect(plain((await screen.findByTestId('portal-status')).textContent)).toBe('Votre contestation est transmise ; les relances sont arrêtées.');
  });

  it('says it neutrally when the seller recorded the dispute (the client sent nothing from here), in French and English', async () => {
    renderPortal(disputed('sent', undefined));
    expect(plain((await screen.findByTestId('portal-status')).textContent)).toBe('Cette facture est contestée : les relances sont arrêtées.');
    cleanup();
    renderPortal(disputed('sent', undefined, 'en'));
    expect((await screen.findByTestId('portal-status')).textContent).toBe('This invoice is disputed: reminders are stopped.');
  });

  it('once written off, the invoice is closed: "Close", nothing left to pay, no dispute status', async () => {
    renderPortal(disputed('written_off', true));
    expect((await screen.findByText('Il ne reste rien à payer sur cette facture.')).getAttribute('role')).toBe('status');
    expect(screen.getByText('Close')).toBeTruthy();
    expect(screen.queryByTestId('portal-status')).toBeNull();
    expect(screen.queryByText(/contestation|contestée/)).toBeNull();
  });
});
