import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { Page, renderWithHistory } from '../../../test/history';
import ClientScreen from './client-screen';

const client = {
  id: 'c1',
  name: 'Brasserie Van de Velde',
  kind: 'business',
  email: 'compta@vdv.test',
  ccEmails: [],
  contacts: [],
  language: 'fr',
  remindersEnabled: true,
  tags: [],
  vatNumber: 'BE0123456789',
  address: { line1: 'Rue Neuve 1', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
};

describe('a client’s VAT number emptied on its page', () => {
  it('is removed (PATCH null), not kept while the screen says saved (PATCH keeps a field left out)', async () => {
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/clients/c1') return { status: 200, body: client };
      if (method === 'PATCH' && path === '/clients/c1') return { status: 200, body: { ...client, vatNumber: undefined, updatedAt: '2026-11-27T11:00:00.000Z' } };
      if (path.startsWith('/scenarios') || path.startsWith('/invoices') || path.startsWith('/templates')) return { status: 200, body: { items: [] } };
      if (path.startsWith('/clients/c1/statement')) return { status: 200, body: { asOf: '2026-11-27', lines: [], openInvoices: [], balanceCents: 0, overdueCents: 0, currency: 'EUR', client: { id: 'c1', name: client.name } } };
      return undefined;
    });
    renderWithHistory(['/clients/c1'], [{ path: '/clients/:id', element: <ClientScreen /> }, { path: '*', element: <Page name="ailleurs" /> }]);
    const form = await screen.findByRole('form', { name: 'Enregistrer' });
    const vat = within(form).getByLabelText('N° de TVA intracommunautaire (facultatif)');
    expect((vat as HTMLInputElement).value).toBe('BE0123456789');
    await userEvent.clear(vat);
    await userEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')).toBeTruthy());
    expect(calls.find((c) => c.method === 'PATCH')!.body).toMatchObject({ vatNumber: null, address: { country: 'BE' } });
  });
});
