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

  it('offers a step only what its channel can send, and a new step one tone firmer than the one before', async () => {
    const tpl = (id: string, name: string, purpose: string, tone: string, kind = 'business') => ({ id, name, language: 'fr', purpose, tone, kind });
    const items = [
      tpl('courtesy', 'Pré-relance courtoise (J-5)', 'reminder', 'courtesy'),
      tpl('reminder', 'Relance à échéance (J+1)', 'reminder', 'reminder'),
      tpl('firm', 'Relance ferme (J+8)', 'reminder', 'firm'),
      tpl('courtesy-consumer', 'Petit rappel (J-5)', 'reminder', 'courtesy', 'consumer'),
      tpl('instalment-late', 'Échéancier : échéance manquée', 'instalment', 'reminder'),
      tpl('sms-reminder', 'SMS de relance', 'sms', 'reminder'),
      tpl('thank-you', 'Remerciement après paiement', 'thank-you', 'courtesy'),
    ];
    fakeApi(({ path }) => (path.startsWith('/templates') ? { status: 200, body: { items } } : undefined));
    renderInApp(<ScenarioScreen />);
    await screen.findByLabelText('Nom du scénario');
    for (let i = 0; i < 4; i++) await userEvent.click(screen.getByRole('button', { name: /Ajouter une étape/ }));
    const templates = () => screen.getAllByLabelText('Modèle') as HTMLSelectElement[];
    await waitFor(() => expect(templates()).toHaveLength(4));
    // J-5 courteous, then firmer each time, then the firmest stays.
    expect(templates().map((s) => s.value)).toEqual(['courtesy', 'reminder', 'firm', 'firm']);
    // An email step: reminders only (no thank-you, instalment note or text).
    expect([...templates()[0]!.options].map((o) => o.value)).toEqual(['courtesy', 'reminder', 'firm', 'courtesy-consumer']);
    // A text step: the SMS templates, and the step switches to one.
    await userEvent.selectOptions(screen.getAllByLabelText('Canal')[1]!, 'sms');
    await waitFor(() => expect(templates()[1]!.value).toBe('sms-reminder'));
    expect([...templates()[1]!.options].map((o) => o.value)).toEqual(['sms-reminder']);
  });

  it('offers a letter step formal notices only, and switches it to the one for the same clients: the letter is the mise en demeure', async () => {
    const tpl = (id: string, name: string, tone: string, kind = 'business') => ({ id, name, language: 'fr', purpose: 'reminder', tone, kind });
    const items = [
      tpl('courtesy-consumer', 'Petit rappel (J-5)', 'courtesy', 'consumer'),
      tpl('reminder', 'Relance à échéance (J+1)', 'reminder'),
      tpl('formal-notice-consumer', 'Mise en demeure (J+15)', 'formal-notice', 'consumer'),
      tpl('formal-notice', 'Mise en demeure (J+15)', 'formal-notice'),
      tpl('maison', 'Ma mise en demeure', 'formal-notice'),
    ];
    fakeApi(({ path }) => (path.startsWith('/templates') ? { status: 200, body: { items } } : undefined));
    renderInApp(<ScenarioScreen />);
    await screen.findByLabelText('Nom du scénario');
    await userEvent.click(screen.getByRole('button', { name: /Ajouter une étape/ }));
    await userEvent.click(screen.getByRole('button', { name: /Ajouter une étape/ }));
    const templates = () => screen.getAllByLabelText('Modèle') as HTMLSelectElement[];
    await waitFor(() => expect(templates()).toHaveLength(2));
    await userEvent.selectOptions(templates()[1]!, 'reminder');
    await userEvent.selectOptions(screen.getAllByLabelText('Canal')[1]!, 'letter');
    await waitFor(() => expect(templates()[1]!.value).toBe('formal-notice'));
    expect([...templates()[1]!.options].map((o) => o.value)).toEqual(['formal-notice-consumer', 'formal-notice', 'maison']);
  });

  it('keeps the first step counted from the due date when a step counted from the one before moves up to first (the screen showed "l’échéance", the API got "previous")', async () => {
    const calls = fakeApi(({ method, path }) =>
      path.startsWith('/templates') ? { status: 200, body: templates } : method === 'POST' && path === '/scenarios' ? { status: 201, body: { id: 's1', name: 'Chantiers', steps: [], tags: [] } } : undefined,
    );
    renderInApp(<ScenarioScreen />);
    await userEvent.type(await screen.findByLabelText('Nom du scénario'), 'Chantiers');
    await userEvent.click(screen.getByRole('button', { name: /Ajouter une étape/ }));
    await userEvent.click(screen.getByRole('button', { name: /Ajouter une étape/ }));
    await userEvent.selectOptions(screen.getAllByLabelText('Compter depuis')[1]!, 'previous');
    await userEvent.click(screen.getByRole('button', { name: 'Monter l’étape 2' }));
    const first = screen.getAllByLabelText('Compter depuis')[0] as HTMLSelectElement;
    expect(first.value).toBe('due');
    const days = screen.getAllByLabelText('Jours') as HTMLInputElement[];
    await userEvent.clear(days[0]!);
    await userEvent.type(days[0]!, '-5');
    await userEvent.clear(days[1]!);
    await userEvent.type(days[1]!, '3');
    await userEvent.click(screen.getByRole('button', { name: /^(Enregistrer|Créer)/ }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toBeTruthy());
    const sent = calls.find((c) => c.method === 'POST')!.body as { steps: { anchor: string }[] };
    expect(sent.steps.map((s) => s.anchor)).toEqual(['due', 'due']);
  });
});
