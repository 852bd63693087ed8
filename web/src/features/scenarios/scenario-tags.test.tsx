import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import ScenarioScreen from './routes/scenario-screen';
import ScenariosScreen from './routes/scenarios-screen';
import { plain } from '../../test/plain';

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

  it('says a refused fourth category under the categories field (only the first three were placed there)', async () => {
    fakeApi(({ method, path }) => {
      if (path.startsWith('/templates')) return { status: 200, body: templates };
      if (method === 'POST' && path === '/scenarios')
        return { status: 400, body: { type: 'https://relances.dev/problems/validation', status: 400, title: 'Invalid request', errors: [{ path: 'body.tags.3', message: 'must be 1-40 lowercase letters, digits, dashes or underscores' }] } };
      return undefined;
    });
    renderInApp(<ScenarioScreen />);
    await userEvent.type(await screen.findByLabelText('Nom du scénario'), 'Gros chantiers');
    const tags = screen.getByLabelText('Catégories de clients');
    await userEvent.type(tags, 'a, b, c, d&e');
    await userEvent.click(screen.getByRole('button', { name: /Ajouter une étape/ }));
    await userEvent.click(screen.getByRole('button', { name: /^(Enregistrer|Créer)/ }));
    await waitFor(() => expect(tags.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(tags.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe('1 à 40 lettres minuscules, chiffres, tirets ou soulignés');
  });

  it('lists each scenario with the client categories it is bound to', async () => {
    fakeApi(({ path }) => {
      if (path.startsWith('/templates')) return { status: 200, body: templates };
      if (path === '/scenarios')
        return {
          status: 200,
          body: {
            items: [
              { id: 'b2b-default', name: 'Clients professionnels (J-5, J+1, J+8, J+15)', builtIn: true, steps: [] },
              { id: 's1', name: 'Grands comptes', tags: ['grand-compte', 'vip'], steps: [{ id: 'j+8', offsetDays: 8, anchor: 'due', templateId: 'courtesy' }] },
            ],
          },
        };
      return undefined;
    });
    renderInApp(<ScenariosScreen />);
    const bound = await screen.findAllByTestId('scenario-tags');
    expect(bound.map((p) => plain(p.textContent))).toEqual(['Catégories de clients : grand-compte, vip']);
  });
});
