import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import ScenarioScreen from './routes/scenario-screen';

const templates = { items: [{ id: 'courtesy', name: 'Pré-relance courtoise (J-5)', language: 'fr', purpose: 'reminder', tone: 'courteous', kind: 'business' }] };

describe('a scenario’s client categories', () => {
  it('reads "Grand compte" as the client page does, grand-compte, so the two still match', async () => {
    const calls = fakeApi(({ method, path, body }) => {
      if (path.startsWith('/templates')) return { status: 200, body: templates };
      if (method === 'POST' && path === '/scenarios') return { status: 201, body: { id: 's1', ...(body as object) } };
      return undefined;
    });
    renderInApp(<ScenarioScreen />);
    await userEvent.type(await screen.findByLabelText('Nom du scénario'), 'Gros chantiers');
    await userEvent.type(screen.getByLabelText('Catégories de clients'), 'Grand compte');
    await userEvent.click(screen.getByRole('button', { name: /Ajouter une étape/ }));
    await userEvent.click(screen.getByRole('button', { name: /^(Enregistrer|Créer)/ }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ name: 'Gros chantiers', tags: ['grand-compte'] }));
  });
});
