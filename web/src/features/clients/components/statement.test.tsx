import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import { Statement } from './statement';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('the client’s statement', () => {
  it('names a payment by the invoice it pays, its method in words and the payer’s reference', async () => {
    fakeApi(({ path }) =>
      path.startsWith('/clients/c1/statement')
        ? {
            status: 200,
            body: {
              asOf: '2026-11-25',
              currency: 'EUR',
              balanceCents: 82_000,
              overdueCents: 0,
              openInvoices: [],
              client: { id: 'c1', name: 'Boulangerie Dupont SARL' },
              lines: [
                { date: '2026-11-25', kind: 'invoice', invoiceId: 'inv1', reference: 'F-2026-0001', debitCents: 132_000, creditCents: 0, balanceCents: 132_000 },
                { date: '2026-11-25', kind: 'payment', invoiceId: 'inv1', reference: 'F-2026-0001', method: 'transfer', paymentReference: 'VIR-889', debitCents: 0, creditCents: 50_000, balanceCents: 82_000 },
              ],
            },
          }
        : undefined,
    );
    renderInApp(<Statement clientId="c1" />);
    const rows = within(await screen.findByRole('table')).getAllByRole('row').slice(1);
    expect(plain(within(rows[1]!).getAllByRole('cell')[1]!.textContent)).toBe('Paiement F-2026-0001 · Virement · VIR-889');
    expect(plain(within(rows[0]!).getAllByRole('cell')[1]!.textContent)).toBe('Facture F-2026-0001');
  });
});
