import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import NewInvoiceScreen from './new-invoice-screen';
import { plain } from '../../../test/plain';

describe('a new invoice without VAT', () => {
  it('says why (the PDF prints the mention that reason requires), and says a line at 20 % refused under its rate', async () => {
    const calls = fakeApi(({ method, path }) => {
      if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Bâtiment Général SA', kind: 'business', email: 'bg@btp.test' }] } };
      if (method === 'POST' && path === '/invoices') {
        return {
          status: 422,
          body: { type: 'https://relances.dev/problems/vat-exemption-with-vat', status: 422, title: 'Unprocessable request', detail: 'An invoice exempt from VAT has every line at 0 %', errors: [{ path: 'body.lines.0.vatRate', message: 'must be 0 when vatExemption is set: the invoice charges no VAT' }] },
        };
      }
      return undefined;
    });
    renderInApp(<NewInvoiceScreen />);
    const reason = await screen.findByLabelText('TVA non facturée');
    expect([...(reason as HTMLSelectElement).options].map((o) => plain(o.textContent))).toEqual([
      'Non : TVA facturée (ou 0 % sans mention particulière)',
      'Franchise en base (art. 293 B du CGI)',
      'Autoliquidation : sous-traitance de travaux de construction',
      'Autoliquidation : prestation de services à un client de l’UE',
      'Livraison de biens à un client de l’UE (exonération)',
    ]);
    await userEvent.selectOptions(screen.getByLabelText('Client'), 'c1');
    await userEvent.selectOptions(reason, 'construction_subcontracting');
    await userEvent.type(screen.getByLabelText('Désignation'), 'Pose de cloisons');
    await userEvent.type(screen.getByLabelText('Prix unitaire HT'), '420');
    await userEvent.click(screen.getByRole('button', { name: 'Créer le brouillon' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST' && c.path === '/invoices')?.body).toMatchObject({ vatExemption: 'construction_subcontracting' }));
    await waitFor(() => expect(screen.getByText('Doit être 0 % : la facture est sans TVA')).toBeTruthy());
  });
});
