import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderInApp } from '../../../test/render';
import type { Client } from '../api';
import { ClientFormView } from './client-form';

/**
 * A client abroad (an intra-EU invoice's client, a Belgian one over the border) and an address on two lines. The form
 * sent `country: 'FR'` and no second line: saving the Belgian client for any change failed on its 4-digit postal code
 * ("5 chiffres en France"), a 5-digit foreign code silently became French, and "Bâtiment B" left the letters' address.
 */
const belgian = {
  id: 'c1',
  name: 'Brasserie Van de Velde',
  kind: 'business',
  email: 'compta@vdv.test',
  ccEmails: [],
  contacts: [],
  language: 'fr',
  remindersEnabled: true,
  tags: [],
  address: { line1: 'Rue Neuve 1', line2: 'Bâtiment B', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
} as unknown as Client;

describe('the client form’s address', () => {
  it('keeps a client’s country and second line when another field is changed', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    renderInApp(<ClientFormView client={belgian} scenarios={[]} submitLabel="Enregistrer" onSubmit={onSubmit} />);
    expect((screen.getByLabelText('Pays') as HTMLSelectElement).value).toBe('BE');
    expect((screen.getByLabelText('Complément d’adresse (facultatif)') as HTMLInputElement).value).toBe('Bâtiment B');
    await userEvent.clear(screen.getByLabelText('E-mail'));
    await userEvent.type(screen.getByLabelText('E-mail'), 'factures@vdv.test');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      email: 'factures@vdv.test',
      address: { line1: 'Rue Neuve 1', line2: 'Bâtiment B', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
    });
  });

  it('takes a new client abroad, France first among the countries', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    renderInApp(<ClientFormView scenarios={[]} submitLabel="Créer" onSubmit={onSubmit} />);
    const country = screen.getByLabelText('Pays') as HTMLSelectElement;
    expect(country.value).toBe('FR');
    expect(country.options[0]!.textContent).toBe('France');
    await userEvent.type(screen.getByLabelText('Nom'), 'Schreinerei Müller');
    await userEvent.type(screen.getByLabelText('E-mail'), 'info@mueller.test');
    await userEvent.type(screen.getByLabelText('Adresse'), 'Hauptstraße 5');
    await userEvent.type(screen.getByLabelText('Code postal'), '79098');
    await userEvent.type(screen.getByLabelText('Ville'), 'Freiburg');
    await userEvent.selectOptions(country, 'DE');
    await userEvent.click(screen.getByRole('button', { name: 'Créer' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0].address).toEqual({ line1: 'Hauptstraße 5', postalCode: '79098', city: 'Freiburg', country: 'DE' });
  });

  it('takes the client’s intra-EU VAT number, which an invoice without VAT to it needs (the form had no field for it)', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    renderInApp(<ClientFormView client={belgian} scenarios={[]} submitLabel="Enregistrer" onSubmit={onSubmit} />);
    const vat = screen.getByLabelText('N° de TVA intracommunautaire (facultatif)');
    await userEvent.type(vat, 'FR 12 552100554');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(vat.getAttribute('aria-invalid')).toBe('true'));
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.clear(vat);
    await userEvent.type(vat, 'BE 0123 456 789');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ vatNumber: 'BE 0123 456 789' });
  });
});
