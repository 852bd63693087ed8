import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../lib/i18n';
import { ApiError } from '../lib/problem';
import { renderInApp } from '../test/render';
import { ErrorMessage } from './ui';

const incompleteIdentity = new ApiError(422, {
  type: 'https://relances.dev/problems/incomplete-legal-identity',
  status: 422,
  title: 'Unprocessable request',
  detail: 'Complete the company identity in settings before sending an invoice',
  errors: [
    { path: 'settings.company.name', message: 'is required to issue an invoice' },
    { path: 'settings.company.address', message: 'is required to issue an invoice' },
    { path: 'settings.company.siren', message: 'is required to issue an invoice' },
    { path: 'settings.company.iban', message: 'is required when settings.paymentUrl is not set' },
  ],
});

describe('an API error on screen', () => {
  it('names the settings to complete before sending by their labels, with the way to the settings', () => {
    renderInApp(<ErrorMessage error={incompleteIdentity} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Avant d’envoyer, complétez votre entreprise dans les réglages :')).toBeTruthy();
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Raison sociale', 'Adresse', 'SIREN', 'IBAN (ou un lien de paiement en ligne)']);
    expect(alert.textContent).not.toMatch(/settings\.company|required/);
    expect(within(alert).getByRole('link', { name: 'Compléter les réglages' }).getAttribute('href')).toBe('/settings');
  });

  it('says the same in English', async () => {
    await setLanguage('en');
    try {
      renderInApp(<ErrorMessage error={incompleteIdentity} />);
      expect(screen.getByText('Before sending, complete your company in the settings:')).toBeTruthy();
      expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Company name', 'Address', 'SIREN', 'IBAN (or an online payment link)']);
    } finally {
      await setLanguage('fr');
    }
  });

  it('keeps the API’s detail and each field it names for other errors', () => {
    renderInApp(<ErrorMessage error={new ApiError(409, { status: 409, detail: 'Invoice already paid', errors: [{ path: 'body.amountCents', message: 'exceeds the balance' }] })} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Invoice already paid')).toBeTruthy();
    expect(within(alert).getByRole('listitem').textContent).toBe('body.amountCents exceeds the balance');
    expect(within(alert).queryByRole('link')).toBeNull();
  });
});
