import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import ScenarioScreen from './routes/scenario-screen';

const templates = { items: [{ id: 'courtesy', name: 'Pré-relance courtoise (J-5)', language: 'fr' }] };
const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

describe('the scenario editor', () => {
  it('says a step’s day out of range or empty in words, not "required" for a number typed, and never sends it', async () => {
    const calls = fakeApi(({ path }) => (path.startsWith('/templates') ? { status: 200, body: templates } : undefined));
    renderInApp(<ScenarioScreen />);
    await userEvent.type(await screen.findByLabelText('Nom du scénario'), 'Chantiers');
    await userEvent.click(screen.getByRole('button', { name: /Ajouter une étape/ }));
    const days = await screen.findByLabelText('Jours');
    const save = () => userEvent.click(screen.getByRole('button', { name: /^(Enregistrer|Créer)/ }));
    await userEvent.clear(days);
    await userEvent.type(days, '-500');
    await save();
    await waitFor(() => expect(errorOf(days)).toBe('Un nombre entier de −60 à 365'));
    await userEvent.clear(days);
    await save();
    await waitFor(() => expect(errorOf(days)).toBe('Obligatoire'));
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });
});
