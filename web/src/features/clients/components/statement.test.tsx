import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import { setLanguage } from '../../../lib/i18n';
import { fileSlug, Statement } from './statement';

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

describe('the statement of an imported invoice', () => {
  it('says in English what the import recorded as paid or credited before it (the API stores French labels)', async () => {
    fakeApi(({ path }) =>
      path.startsWith('/clients/c1/statement')
        ? {
            status: 200,
            body: {
              asOf: '2026-11-25',
              currency: 'EUR',
              balanceCents: 30_000,
              overdueCents: 0,
              openInvoices: [],
              client: { id: 'c1', name: 'Smith Ltd' },
              lines: [
                { date: '2026-09-15', kind: 'invoice', invoiceId: 'inv1', reference: 'EN-2', debitCents: 50_000, creditCents: 0, balanceCents: 50_000 },
                { date: '2026-09-15', kind: 'payment', invoiceId: 'inv1', reference: 'EN-2', method: 'other', paymentReference: 'Réglé avant import', debitCents: 0, creditCents: 10_000, balanceCents: 40_000 },
                { date: '2026-09-15', kind: 'credit_note', invoiceId: 'inv1', reference: 'Avoirs avant import', debitCents: 0, creditCents: 10_000, balanceCents: 30_000 },
              ],
            },
          }
        : undefined,
    );
    await setLanguage('en');
    try {
      renderInApp(<Statement clientId="c1" />);
      const rows = within(await screen.findByRole('table')).getAllByRole('row').slice(1);
      expect(plain(within(rows[1]!).getAllByRole('cell')[1]!.textContent)).toBe('Payment EN-2 · Other · Paid before the import');
      expect(plain(within(rows[2]!).getAllByRole('cell')[1]!.textContent)).toBe('Credit notes before the import');
    } finally {
      await setLanguage('fr');
    }
  });
});

describe('the statement PDF’s file name', () => {
  it('carries the client’s name, without accents or spaces, so two clients’ statements no longer both download as releve-de-compte.pdf', () => {
    expect(fileSlug('Café du Port')).toBe('cafe-du-port');
    expect(fileSlug('  Menuiserie Bois & Fils  ')).toBe('menuiserie-bois-fils');
    expect(fileSlug('Jean-Édouard Nöël')).toBe('jean-edouard-noel');
  });
});
