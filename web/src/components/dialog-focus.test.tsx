import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Dialog } from './ui';

const WithField = () => {
  const [open, setOpen] = useState(false);
  return (
    <Dialog title="Enregistrer un paiement" open={open} onOpenChange={setOpen} trigger={<button type="button">Paiement</button>}>
      <p>Le solde est de 120,00 €.</p>
      <label>
        Montant
        <input name="amount" />
      </label>
      <button type="submit">Enregistrer</button>
    </Dialog>
  );
};

const WithoutField = () => {
  const [open, setOpen] = useState(false);
  return (
    <Dialog title="Annuler la facture ?" open={open} onOpenChange={setOpen} trigger={<button type="button">Annuler</button>}>
      <p>La facture ne sera plus relancée.</p>
      <button type="button">Confirmer</button>
    </Dialog>
  );
};

describe('a dialog’s first focus', () => {
  it('goes to the first field, not to the ✕ close button', async () => {
    render(<WithField />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Paiement' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Montant' })));
  });

  it('goes to the title when the dialog has no field (read first, and the next Tab reaches the buttons)', async () => {
    render(<WithoutField />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Annuler' }));
    const dialog = await screen.findByRole('dialog', { name: 'Annuler la facture ?' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Annuler la facture ?' })));
    expect(dialog.contains(document.activeElement)).toBe(true);
  });
});
