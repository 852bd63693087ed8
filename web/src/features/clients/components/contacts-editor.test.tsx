import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Client } from '../api';
import { ContactsEditor } from './contacts-editor';

const client = (contacts: unknown[]) => ({ id: 'c1', name: 'Boulangerie Pichon', kind: 'business', email: 'compta@pichon.test', contacts }) as unknown as Client;

describe('the contacts editor', () => {
  it('offers "Ajouter un contact" alone while there is nothing to save, and "Enregistrer" once a contact is added', async () => {
    fakeApi(() => undefined);
    renderInApp(<ContactsEditor client={client([])} />);
    expect(screen.queryByRole('button', { name: 'Enregistrer' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter un contact' }));
    expect(screen.getByRole('button', { name: 'Enregistrer' })).toBeTruthy();
  });

  it('keeps "Enregistrer" when the saved contacts are all removed (saving the empty list removes them)', async () => {
    fakeApi(() => undefined);
    renderInApp(<ContactsEditor client={client([{ name: 'Compta', role: 'billing', email: 'c@pichon.test' }])} />);
    await userEvent.click(screen.getByRole('button', { name: 'Retirer le contact 1' }));
    expect(screen.getByRole('button', { name: 'Enregistrer' })).toBeTruthy();
  });
});
