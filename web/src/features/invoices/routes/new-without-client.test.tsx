import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import NewQuoteScreen from '../../quotes/routes/new-quote-screen';
import NewInvoiceScreen from './new-invoice-screen';

describe('a new invoice or quote before any client', () => {
  it.each([
    ['invoice', NewInvoiceScreen, 'Nouvelle facture'],
    ['quote', NewQuoteScreen, 'Nouveau devis'],
  ] as const)('keeps the %s screen’s title and points to creating the first client', async (_, Screen, title) => {
    fakeApi(({ path }) => (path.startsWith('/clients') ? { status: 200, body: { items: [] } } : undefined));
    renderInApp(<Screen />);
    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeTruthy();
    expect(screen.getByText('Créez d’abord un client.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Nouveau client' }).getAttribute('href')).toBe('/clients/new');
  });
});
