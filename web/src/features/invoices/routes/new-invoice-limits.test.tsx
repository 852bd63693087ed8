import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import NewQuoteScreen from '../../quotes/routes/new-quote-screen';
import NewInvoiceScreen from './new-invoice-screen';

const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

describe('a new invoice’s limits', () => {
  it('says payment terms past 60 days and a zero quantity for what they are, not "required", before the API sees them', async () => {
    const calls = fakeApi(({ path }) =>
      path.startsWith('/clients') ? { status: 200, body: { items: [{ id: 'c1', name: 'Café du Port', kind: 'business', email: 'cafe@port.test' }] } } : undefined,
    );
    renderInApp(<NewInvoiceScreen />);
    const terms = await screen.findByLabelText('Délai de paiement (jours)');
    await userEvent.selectOptions(screen.getByLabelText('Client'), 'c1');
    await userEvent.type(screen.getByLabelText('Désignation'), 'Réparation fuite');
    const quantity = screen.getByLabelText('Qté');
    await userEvent.clear(quantity);
    await userEvent.type(quantity, '0');
    await userEvent.type(screen.getByLabelText('Prix unitaire HT'), '120');
    await userEvent.clear(terms);
    await userEvent.type(terms, '75');
    await userEvent.click(screen.getByRole('button', { name: 'Créer le brouillon' }));
    await waitFor(() => expect(errorOf(terms)).toBe('De 0 à 60 jours (délai légal maximal)'));
    expect(errorOf(quantity)).toBe('Une quantité supérieure à 0');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('says a unit price left empty is required (not "Montant invalide"), and a typo in it invalid', async () => {
    fakeApi(({ path }) => (path.startsWith('/clients') ? { status: 200, body: { items: [{ id: 'c1', name: 'Café du Port', kind: 'business', email: 'cafe@port.test' }] } } : undefined));
    renderInApp(<NewInvoiceScreen />);
    const price = await screen.findByLabelText('Prix unitaire HT');
    await userEvent.click(screen.getByRole('button', { name: 'Créer le brouillon' }));
    await waitFor(() => expect(errorOf(price)).toBe('Obligatoire'));
    await userEvent.type(price, '12,3,4');
    await userEvent.click(screen.getByRole('button', { name: 'Créer le brouillon' }));
    await waitFor(() => expect(errorOf(price)).toBe('Montant invalide (ex. 1 234,56)'));
  });

  it('says a quote valid for 400 days is out of range, not "required"', async () => {
    const calls = fakeApi(({ path }) =>
      path.startsWith('/clients') ? { status: 200, body: { items: [{ id: 'c1', name: 'Café du Port', kind: 'business', email: 'cafe@port.test' }] } } : undefined,
    );
    renderInApp(<NewQuoteScreen />);
    const validity = await screen.findByLabelText('Validité (jours)');
    await userEvent.clear(validity);
    await userEvent.type(validity, '400');
    await userEvent.click(screen.getByRole('button', { name: 'Créer le devis' }));
    await waitFor(() => expect(errorOf(validity)).toBe('De 1 à 365 jours'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
