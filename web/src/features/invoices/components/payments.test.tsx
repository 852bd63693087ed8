import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/problem';
import { renderInApp } from '../../../test/render';
import { PaymentFormView } from './payments';

describe('payment form', () => {
  it('refuses an amount that is not one, next to the field, without calling the API', async () => {
    const onSubmit = vi.fn();
    renderInApp(<PaymentFormView onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Montant (€)'), '12,345');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer un paiement' }));
    const amount = screen.getByLabelText('Montant (€)');
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(amount.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe('Montant invalide (ex. 1 234,56)');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('says an amount left empty is required, not invalid', async () => {
    const onSubmit = vi.fn();
    renderInApp(<PaymentFormView onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer un paiement' }));
    const amount = screen.getByLabelText('Montant (€)');
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(amount.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe('Obligatoire');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends integer cents parsed from a French amount, with the chosen method and date', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    renderInApp(<PaymentFormView onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Montant (€)'), '1 234,56');
    const date = screen.getByLabelText('Date');
    await userEvent.clear(date);
    await userEvent.type(date, '2026-11-20');
    await userEvent.selectOptions(screen.getByLabelText('Moyen'), 'cheque');
    await userEvent.type(screen.getByLabelText('Référence'), 'CHQ 42');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer un paiement' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ amountCents: 123456, date: '2026-11-20', method: 'cheque', reference: 'CHQ 42' }));
    // Cleared for the next payment.
    await waitFor(() => expect((screen.getByLabelText('Montant (€)') as HTMLInputElement).value).toBe(''));
    // Said under the button (on a phone the balance that moved is a screen above), until the next entry.
    expect((await screen.findByRole('status')).textContent?.replace(/\s/g, ' ')).toBe('Paiement de 1 234,56 € enregistré.');
    await userEvent.type(screen.getByLabelText('Montant (€)'), '1');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows the API’s problem+json error next to the field it names (body.amountCents → the amount)', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(422, { title: 'Overpayment', status: 422, errors: [{ path: 'body.amountCents', message: 'exceeds the balance of 820,00 €' }] }),
    );
    renderInApp(<PaymentFormView onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Montant (€)'), '5000');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer un paiement' }));
    const amount = screen.getByLabelText('Montant (€)');
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(amount.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe('exceeds the balance of 820,00 €');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows an error that names no field above the form', async () => {
    renderInApp(<PaymentFormView onSubmit={vi.fn().mockRejectedValue(new ApiError(409, { title: 'Conflict', status: 409, detail: 'The invoice is cancelled.' }))} />);
    await userEvent.type(screen.getByLabelText('Montant (€)'), '10');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer un paiement' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The invoice is cancelled.');
  });
});
