import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../lib/i18n';
import { ApiError } from '../lib/problem';
import { renderInApp } from '../test/render';
import { ErrorMessage } from './ui';
import { plain } from '../test/plain';

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
  it('says a refusal whose detail only repeats its field in the user’s words, once (it showed "planRequest.instalments: … 120002 cents")', async () => {
    const stale = new ApiError(422, {
      type: 'https://relances.dev/problems/payment-plan-invalid',
      status: 422,
      title: 'Unprocessable request',
      detail: 'planRequest.instalments: instalments add up to 120002 cents but the balance is 119002 cents (1000 cents too much)',
      errors: [{ path: 'planRequest.instalments', message: 'instalments add up to 120002 cents but the balance is 119002 cents (1000 cents too much)' }],
    });
    const view = renderInApp(<ErrorMessage error={stale} />);
    const alert = screen.getByRole('alert');
    expect(plain(alert.textContent)).toBe('Les échéances font 1 200,02 € mais le reste dû est de 1 190,02 € : 10,00 € de trop');
    view.unmount();
    const two = new ApiError(422, {
      type: 'https://relances.dev/problems/payment-plan-invalid',
      status: 422,
      detail: 'body.instalments.0.dueDate: must be today or later; body.instalments.1.dueDate: must be after the previous instalment',
      errors: [
        { path: 'body.instalments.0.dueDate', message: 'must be today or later' },
        { path: 'body.instalments.1.dueDate', message: 'must be after the previous instalment' },
      ],
    });
    renderInApp(<ErrorMessage error={two} />);
    const both = screen.getByRole('alert');
    expect(both.textContent).not.toMatch(/body\.|instalments\.\d/);
    expect(within(both).getAllByRole('listitem')).toHaveLength(2);
    await setLanguage('fr');
  });

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
    // The field by its label, never the API's path.
    expect(plain(within(alert).getByRole('listitem').textContent)).toBe('Montant : exceeds the balance');
    expect(within(alert).queryByRole('link')).toBeNull();
  });

  it('says an invoice dated before the last one numbered in French, naming the invoice date and the date to take', () => {
    const outOfOrder = new ApiError(422, {
      type: 'https://relances.dev/problems/issue-date-before-last-numbered',
      status: 422,
      title: 'Unprocessable request',
      detail: 'Invoices are numbered in date order: this one cannot be dated before F-2026-0012 (2026-11-20)',
      errors: [{ path: 'invoice.issueDate', message: 'is before the date of F-2026-0012 (2026-11-20), the last invoice numbered: date it 2026-11-20 or later' }],
    });
    renderInApp(<ErrorMessage error={outOfOrder} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText(/^Les factures sont numérotées dans l’ordre de leurs dates/).textContent).toContain('F-2026-0012');
    const field = plain(within(alert).getByRole('listitem').textContent);
    expect(field).toMatch(/^Date de facture\s?: Antérieure à la facture F-2026-0012 du 20 nov\.? 2026, la dernière numérotée : datez-la du 20 nov\.? 2026 ou après/);
    expect(alert.textContent).not.toMatch(/numbered|invoice\.issueDate/);
  });

  it('names a quote’s date as the quote’s, never the invoice’s, in both languages', async () => {
    const future = new ApiError(422, {
      type: 'https://relances.dev/problems/issue-date-in-future',
      status: 422,
      title: 'Unprocessable request',
      detail: 'A quote cannot be sent before its issue date',
      errors: [{ path: 'quote.issueDate', message: 'is after today (2026-11-28): send the quote on that day, or change its date' }],
    });
    const { unmount } = renderInApp(<ErrorMessage error={future} />);
    const field = plain(within(screen.getByRole('alert')).getByRole('listitem').textContent);
    expect(field).toMatch(/^Date du devis\s?: /);
    expect(field).not.toContain('facture');
    unmount();
    await setLanguage('en');
    try {
      renderInApp(<ErrorMessage error={future} />);
      expect(plain(within(screen.getByRole('alert')).getByRole('listitem').textContent)).toMatch(/^Quote date: /);
    } finally {
      await setLanguage('fr');
    }
  });

  it('says a 404 in the user’s words, with the way home instead of a retry that cannot help', async () => {
    let retried = 0;
    const gone = new ApiError(404, { type: 'about:blank', status: 404, title: 'Not found', detail: 'Invoice not found' });
    const { unmount } = renderInApp(<ErrorMessage error={gone} retry={() => retried++} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Cette facture est introuvable');
    expect(alert.textContent).not.toMatch(/not found/i);
    expect(within(alert).queryByRole('button', { name: 'Réessayer' })).toBeNull();
    expect(within(alert).getByRole('link', { name: 'Retour à l’accueil' }).getAttribute('href')).toBe('/');
    expect(retried).toBe(0);
    unmount();
    await setLanguage('en');
    try {
      renderInApp(<ErrorMessage error={new ApiError(404, { status: 404, detail: 'Client not found' })} retry={() => retried++} />);
      expect(screen.getByRole('alert').textContent).toContain('This client cannot be found');
      expect(screen.getByRole('link', { name: 'Back to home' })).toBeTruthy();
    } finally {
      await setLanguage('fr');
    }
  });

  it('says a server error in French, never the API’s English, and keeps the retry', () => {
    renderInApp(<ErrorMessage error={new ApiError(500, { status: 500, title: 'Internal error', detail: 'An unexpected error occurred; it has been logged.' })} retry={() => undefined} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Une erreur inattendue s’est produite de notre côté');
    expect(alert.textContent).not.toMatch(/unexpected error occurred/);
    expect(within(alert).getByRole('button', { name: 'Réessayer' })).toBeTruthy();
  });

  it('names a field the screen does not show by its label, or not at all, never by the API’s path', () => {
    const error = new ApiError(400, {
      type: 'https://relances.dev/problems/validation',
      status: 400,
      detail: 'body.lines.0.quantity: Too small: expected number to be >0; body.somethingNew: must be an id',
      errors: [
        { path: 'body.lines.0.quantity', message: 'Too small: expected number to be >0' },
        { path: 'body.somethingNew', message: 'must be an id' },
      ],
    });
    renderInApp(<ErrorMessage error={error} />);
    const items = within(screen.getByRole('alert')).getAllByRole('listitem').map((li) => plain(li.textContent));
    expect(items).toEqual(['Quantité : Au moins 0', 'must be an id']);
    // The detail only repeats the fields in the API's words: a sentence instead.
    expect(screen.getByText('Vérifiez ces champs :')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).not.toMatch(/body\./);
  });
});
