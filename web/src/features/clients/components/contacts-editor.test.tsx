import { screen, waitFor } from '@testing-library/react';
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

  it('takes a mobile number as a French artisan types it (06 12 34 56 78) and saves it in international form', async () => {
    const calls = fakeApi(({ method, path }) => (method === 'PATCH' && path === '/clients/c1' ? { status: 200, body: client([]) } : undefined));
    renderInApp(<ContactsEditor client={client([])} />);
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter un contact' }));
    await userEvent.type(screen.getByLabelText('Nom'), 'Mme Pichon');
    await userEvent.type(screen.getByLabelText('Téléphone'), '06 12 34 56 78');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ contacts: [{ name: 'Mme Pichon', role: 'billing', phone: '+33612345678' }] }]));
  });

  it('takes the focus to the e-mail the API refuses', async () => {
    const calls = fakeApi(({ method, path }) =>
      method === 'PATCH' && path === '/clients/c1'
        ? { status: 400, body: { status: 400, title: 'Bad Request', errors: [{ path: 'body.contacts.0.email', message: 'must be an email address' }] } }
        : undefined,
    );
    renderInApp(<ContactsEditor client={client([])} />);
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter un contact' }));
    await userEvent.type(screen.getByLabelText('Nom'), 'Mme Pichon');
    await userEvent.type(screen.getByLabelText('E-mail'), 'pichon@');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const email = screen.getByLabelText('E-mail');
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(email.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows a saved mobile as typed in France and, untouched, saves the same E.164 back', async () => {
    const calls = fakeApi(({ method, path }) => (method === 'PATCH' && path === '/clients/c1' ? { status: 200, body: client([]) } : undefined));
    renderInApp(<ContactsEditor client={client([{ name: 'Mme Pichon', role: 'billing', phone: '+33612345678' }])} />);
    expect((screen.getByLabelText('Téléphone') as HTMLInputElement).value).toBe('06 12 34 56 78');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ contacts: [{ name: 'Mme Pichon', role: 'billing', phone: '+33612345678' }] }]));
  });

  it('puts the cursor in the new contact’s name when one is added (it stayed on the button, under the fields to fill)', async () => {
    fakeApi(() => undefined);
    renderInApp(<ContactsEditor client={client([{ name: 'Compta', role: 'billing', email: 'c@pichon.test' }])} />);
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter un contact' }));
    const second = screen.getByRole('group', { name: 'Contact 2' });
    await waitFor(() => expect(document.activeElement).toBe(second.querySelector('input')));
    expect((document.activeElement as HTMLInputElement).value).toBe('');
  });
});
