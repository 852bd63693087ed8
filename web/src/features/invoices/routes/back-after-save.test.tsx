import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FROM_DOCUMENT } from '../../../lib/after-save';
import { fakeApi } from '../../../test/fake-api';
import { Page, renderWithHistory } from '../../../test/history';
import EditInvoiceScreen from './edit-invoice-screen';
import NewInvoiceScreen from './new-invoice-screen';

const draft = {
  id: 'i1',
  status: 'draft',
  clientId: 'c1',
  issueDate: '2026-11-27',
  dueDate: '2026-12-27',
  currency: 'EUR',
  lines: [{ description: 'Réparation fuite', quantity: 1, unitPriceCents: 12_000, vatRate: 20 }],
  totals: { netCents: 12_000, vatCents: 2_400, grossCents: 14_400, vatBreakdown: [] },
  paidCents: 0,
  creditedCents: 0,
};

describe('the back button after saving an invoice', () => {
  it('leaves a new invoice for where it was created from, not an empty "Nouvelle facture" form', async () => {
    const calls = fakeApi(({ method, path }) => {
      if (path === '/invoices' && method === 'POST') return { status: 201, body: draft };
      if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Café du Port', kind: 'business', email: 'cafe@port.test' }] } };
      return undefined;
    });
    renderWithHistory(['/invoices', '/invoices/new'], [
      { path: '/invoices', element: <Page name="Suivi des factures" /> },
      { path: '/invoices/new', element: <NewInvoiceScreen /> },
      { path: '/invoices/:id', element: <Page name="Facture" /> },
    ]);
    await screen.findByRole('option', { name: /Café du Port/ });
    await userEvent.selectOptions(screen.getByLabelText('Client'), 'c1');
    await userEvent.type(screen.getByLabelText('Désignation'), 'Réparation fuite');
    await userEvent.type(screen.getByLabelText('Prix unitaire HT'), '120');
    await userEvent.click(screen.getByRole('button', { name: 'Créer le brouillon' }));
    expect(await screen.findByText('Facture /invoices/i1')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retour du navigateur' }));
    await waitFor(() => expect(screen.getByText('Suivi des factures /invoices')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('returns from an edit to the draft it was opened from, so one back then leaves the draft (not the edit form again)', async () => {
    const calls = fakeApi(({ method, path }) => {
      if (path === '/invoices/i1' && method === 'GET') return { status: 200, body: draft };
      if (path === '/invoices/i1' && method === 'PATCH') return { status: 200, body: draft };
      return undefined;
    });
    renderWithHistory(['/invoices', '/invoices/i1', { pathname: '/invoices/i1/edit', state: FROM_DOCUMENT }], [
      { path: '/invoices', element: <Page name="Suivi des factures" /> },
      { path: '/invoices/:id', element: <Page name="Facture" /> },
      { path: '/invoices/:id/edit', element: <EditInvoiceScreen /> },
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Enregistrer le brouillon' }));
    expect(await screen.findByText('Facture /invoices/i1')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Retour du navigateur' }));
    await waitFor(() => expect(screen.getByText('Suivi des factures /invoices')).toBeTruthy());
  });

  it('replaces an edit opened from a link with the draft (no form left behind it)', async () => {
    fakeApi(({ method, path }) => (path === '/invoices/i1' && (method === 'GET' || method === 'PATCH') ? { status: 200, body: draft } : undefined));
    renderWithHistory(['/invoices', '/invoices/i1/edit'], [
      { path: '/invoices', element: <Page name="Suivi des factures" /> },
      { path: '/invoices/:id', element: <Page name="Facture" /> },
      { path: '/invoices/:id/edit', element: <EditInvoiceScreen /> },
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Enregistrer le brouillon' }));
    expect(await screen.findByText('Facture /invoices/i1')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retour du navigateur' }));
    await waitFor(() => expect(screen.getByText('Suivi des factures /invoices')).toBeTruthy());
  });
});
