import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import ClientsScreen from './clients-screen';

const client = { id: 'c1', name: 'Boulangerie Dupont', kind: 'business', email: 'compta@dupont.test', language: 'fr', remindersEnabled: true, balanceCents: 0, overdueCents: 0 };

describe('the clients’ search finding nothing', () => {
  it('says what was looked for and how to look, and clears the search with the cursor back in it (it said only « Aucun client ne correspond. »)', async () => {
    fakeApi(({ path }) => {
      if (path.startsWith('/clients')) return { status: 200, body: { items: new URLSearchParams(path.split('?')[1]).get('q') ? [] : [client] } };
      return undefined;
    });
    renderInApp(<ClientsScreen />);
    await screen.findByText('Boulangerie Dupont');
    const search = screen.getByLabelText('Nom, e-mail ou SIREN');
    await userEvent.type(search, 'zzz');
    expect(await screen.findByText('Aucun client ne correspond à « zzz ».')).toBeTruthy();
    expect(screen.getByText('Cherchez le début du nom, l’e-mail ou le SIREN, ou effacez la recherche.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Effacer la recherche' }));
    await screen.findByText('Boulangerie Dupont');
    expect((search as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(search));
  });
});
