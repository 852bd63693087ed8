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

  it('starts from what the client reported ("J’ai payé"): the balance, its date and reference, to check and save in one tap', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    renderInApp(<PaymentFormView onSubmit={onSubmit} claim={{ amountCents: 35_500, date: '2026-11-25', reference: 'VIR-8841' }} />);
    expect((screen.getByLabelText('Montant (€)') as HTMLInputElement).value).toBe('355,00');
    expect((screen.getByLabelText('Date') as HTMLInputElement).value).toBe('2026-11-25');
    expect((screen.getByLabelText('Référence') as HTMLInputElement).value).toBe('VIR-8841');
    expect(screen.getByText('Rempli d’après ce que le client a signalé : vérifiez sur votre compte avant d’enregistrer.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer un paiement' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ amountCents: 35_500, date: '2026-11-25', method: 'transfer', reference: 'VIR-8841' }));
  });

  it('says a zero amount must be above 0, not that it is not an amount', async () => {
    const onSubmit = vi.fn();
    renderInApp(<PaymentFormView onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Montant (€)'), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer un paiement' }));
    const amount = screen.getByLabelText('Montant (€)');
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(amount.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe('Un montant supérieur à 0');
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

  it('keeps the focus on its button while saving and after (a disabled button dropped it to the page’s top), and saves once however often it is pressed', async () => {
    let finish: (value: unknown) => void = () => {};
    const onSubmit = vi.fn(() => new Promise((resolve) => (finish = resolve)));
    renderInApp(<PaymentFormView onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Montant (€)'), '120');
    const button = screen.getByRole('button', { name: 'Enregistrer un paiement' }) as HTMLButtonElement;
    await userEvent.click(button);
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(button);
    await userEvent.click(button);
    await userEvent.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    finish({});
    expect((await screen.findByRole('status')).textContent?.replace(/\s/g, ' ')).toBe('Paiement de 120,00 € enregistré.');
    expect(button.getAttribute('aria-disabled')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('moves the focus to the field the API refused, as its own checks do', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(400, { title: 'Invalid request', status: 400, errors: [{ path: 'body.reference', message: 'trop longue' }] }),
    );
    renderInApp(<PaymentFormView onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Montant (€)'), '10');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer un paiement' }));
    const reference = screen.getByLabelText('Référence');
    await waitFor(() => expect(reference.getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(reference);
  });
});
