import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { InvoiceActions } from './invoice-actions';
import { saying } from '../../../test/plain';

const invoice = {
  id: 'inv1',
  clientId: 'c1',
  number: 'F-2026-0004',
  status: 'litigation',
  issueDate: '2026-08-01',
  dueDate: '2026-08-31',
  currency: 'EUR',
  lines: [],
  totals: { netCents: 984_500, vatCents: 196_900, grossCents: 1_181_400, vatBreakdown: [] },
  paidCents: 0,
  creditedCents: 0,
  balanceCents: 1_181_400,
  overdue: true,
  daysLate: 87,
  remindersPaused: false,
  disputed: false,
} as unknown as Invoice;

afterEach(() => vi.unstubAllGlobals());

describe('the invoice menu’s actions that undo something', () => {
  it('leaving litigation asks first (one stray tap in the menu put the file back in the follow-up and re-planned its escalation), and goes only when confirmed', async () => {
    const calls = fakeApi(({ method }) => (method === 'DELETE' ? { status: 200, body: { ...invoice, status: 'sent' } } : undefined));
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    renderInApp(<InvoiceActions invoice={invoice} onPaymentReceived={() => undefined} />);
    const leave = async () => {
      await userEvent.click(screen.getByRole('button', { name: /Plus d’actions/ }));
      await userEvent.click(await screen.findByRole('menuitem', { name: 'Sortir du contentieux' }));
    };
    await leave();
    expect(confirm).toHaveBeenCalledWith(saying('Sortir cette facture du contentieux ? Elle revient dans le suivi des impayés ; sans paiement, elle y repassera à la fin du délai prévu.'));
    expect(calls.filter((c) => c.method === 'DELETE')).toEqual([]);
    confirm.mockReturnValue(true);
    await leave();
    await waitFor(() => expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/invoices/inv1/litigation']));
  });

  it('a new portal link asks first (it kills the links in the invoice email and every reminder the client has), then shows it with a button to copy it for a text message', async () => {
    const sent = { ...invoice, status: 'sent' } as Invoice;
    const url = 'https://app.test/p/abc123';
    const calls = fakeApi(({ method, path }) => (method === 'POST' && path === '/invoices/inv1/portal-link' ? { status: 200, body: { url, issuedAt: '2026-11-26T10:00:00.000Z' } } : undefined));
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderInApp(<InvoiceActions invoice={sent} onPaymentReceived={() => undefined} />);
    const newLink = async () => {
      await userEvent.click(screen.getByRole('button', { name: /Plus d’actions/ }));
      await userEvent.click(await screen.findByRole('menuitem', { name: 'Nouveau lien du portail client' }));
    };
    await newLink();
    expect(confirm).toHaveBeenCalledWith(saying('Créer un nouveau lien ? Ceux déjà envoyés au client (e-mail de la facture, relances) ne marcheront plus.'));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    confirm.mockReturnValue(true);
    await newLink();
    expect((await screen.findByTestId('portal-link')).getAttribute('href')).toBe(url);
    await userEvent.click(screen.getByRole('button', { name: 'Copier le lien' }));
    expect(writeText).toHaveBeenCalledWith(url);
    expect(await screen.findByText('Lien copié.')).toBeTruthy();
  });
});
