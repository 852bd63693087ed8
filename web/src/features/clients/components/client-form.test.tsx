import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/problem';
import { renderInApp } from '../../../test/render';
import type { Client } from '../api';
import { ClientFormView } from './client-form';
import { plain } from '../../../test/plain';

const errorOf = (label: string) => {
  const input = screen.getByLabelText(label);
  const id = input.getAttribute('aria-describedby')?.split(' ')[0];
  return id ? document.getElementById(id)?.textContent : undefined;
};

describe('client form', () => {
  it('checks the SIREN key and the email before the API', async () => {
    const onSubmit = vi.fn();
    renderInApp(<ClientFormView scenarios={[]} submitLabel="Créer" onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Nom'), 'Dupont');
    await userEvent.type(screen.getByLabelText('E-mail'), 'pas-une-adresse');
    await userEvent.type(screen.getByLabelText('SIREN'), '552100555');
    await userEvent.click(screen.getByRole('button', { name: 'Créer' }));
    await waitFor(() => expect(errorOf('SIREN')).toBe('Le SIREN a 9 chiffres et une clé valide'));
    expect(errorOf('E-mail')).toBe('Adresse e-mail invalide');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the API shape: trimmed, copies split, address only when given', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    renderInApp(<ClientFormView scenarios={[{ id: 'b2b', name: 'B2B' }]} submitLabel="Créer" onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Nom'), '  Dupont SARL ');
    await userEvent.type(screen.getByLabelText('E-mail'), 'compta@dupont.test');
    await userEvent.type(screen.getByLabelText('Copies (séparées par des virgules)'), 'a@d.test, b@d.test');
    await userEvent.type(screen.getByLabelText('SIREN'), '552 100 554');
    await userEvent.selectOptions(screen.getByLabelText('Scénario'), 'b2b');
    await userEvent.click(screen.getByRole('button', { name: 'Créer' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        name: 'Dupont SARL',
        kind: 'business',
        email: 'compta@dupont.test',
        ccEmails: ['a@d.test', 'b@d.test'],
        language: 'fr',
        remindersEnabled: true,
        siren: '552100554',
        scenarioId: 'b2b',
      }),
    );
  });

  it('puts problem+json field errors under their fields (body.address.postalCode)', async () => {
    const onSubmit = vi.fn().mockRejectedValue(new ApiError(400, { title: 'Invalid request', status: 400, errors: [{ path: 'body.address.postalCode', message: 'must be a postal code' }] }));
    renderInApp(<ClientFormView scenarios={[]} submitLabel="Créer" onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Nom'), 'Dupont');
    await userEvent.type(screen.getByLabelText('E-mail'), 'compta@dupont.test');
    await userEvent.type(screen.getByLabelText('Adresse'), '1 rue X');
    await userEvent.type(screen.getByLabelText('Code postal'), '??');
    await userEvent.type(screen.getByLabelText('Ville'), 'Paris');
    await userEvent.click(screen.getByRole('button', { name: 'Créer' }));
    await waitFor(() => expect(errorOf('Code postal')).toBe('Code postal invalide'));
    expect(screen.getByLabelText('Code postal').getAttribute('aria-invalid')).toBe('true');
  });

  it('says a scenario citing penalties for a consumer in one sentence naming it, not the API’s template ids and {{variables}} per step', async () => {
    const refusal = 'template "reminder" mentions penalties or the €40 indemnity ({{penaltyRate}}, {{indemnityAmount}}, penalties, indemnity): it cannot be sent to a consumer (CPCE L111-8)';
    const problem = (path: string) =>
      new ApiError(422, {
        type: 'https://relances.dev/problems/business-rule/penalties-for-consumer',
        title: 'Unprocessable request',
        status: 422,
        detail: 'Scenario "b2b-default" sends templates that mention penalties: a consumer client cannot have it',
        errors: [{ path, message: `steps.1.templateId: ${refusal}; the scenario would be the scenario of this consumer client` }],
      });
    const onSubmit = vi.fn().mockRejectedValueOnce(problem('body.scenarioId')).mockRejectedValueOnce(problem('body.kind'));
    renderInApp(<ClientFormView scenarios={[{ id: 'b2b-default', name: 'Clients professionnels (J-5, J+1, J+8, J+15)' }]} submitLabel="Créer" onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Nom'), 'Marie Curie');
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'consumer');
    await userEvent.type(screen.getByLabelText('E-mail'), 'marie@curie.test');
    await userEvent.selectOptions(screen.getByLabelText('Scénario'), 'b2b-default');
    await userEvent.click(screen.getByRole('button', { name: 'Créer' }));
    await waitFor(() =>
      expect(plain(errorOf('Scénario'))).toBe(
        'Le scénario « Clients professionnels (J-5, J+1, J+8, J+15) » envoie des modèles qui citent des pénalités ou l’indemnité de 40 €, interdites envers un particulier : choisissez « Scénario par défaut » (celui des particuliers) ou un scénario sans pénalités.',
      ),
    );
    expect(document.activeElement).toBe(screen.getByLabelText('Scénario'));
    expect(screen.queryByText(/\{\{penaltyRate\}\}|« reminder »/)).toBeNull();
    // Refused on its kind (a category's scenario): said under the kind.
    await userEvent.selectOptions(screen.getByLabelText('Scénario'), '');
    await userEvent.click(screen.getByRole('button', { name: 'Créer' }));
    await waitFor(() => expect(errorOf('Type')).toMatch(/^En particulier, ce client suivrait un scénario dont les modèles citent des pénalités/));
    expect(screen.queryByText(/\{\{penaltyRate\}\}/)).toBeNull();
  });

  it('shows a stored +33 mobile as typed in France (06 12 34 56 78) and, untouched, saves the same E.164 back', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    const client = { id: 'c1', name: 'Dupont SARL', kind: 'business', email: 'compta@dupont.test', phone: '+33612345678', language: 'fr', remindersEnabled: true } as unknown as Client;
    renderInApp(<ClientFormView client={client} scenarios={[]} submitLabel="Enregistrer" onSubmit={onSubmit} />);
    const phone = screen.getByLabelText('Téléphone mobile (SMS)') as HTMLInputElement;
    expect(phone.value).toBe('06 12 34 56 78');
    expect(phone.getAttribute('aria-invalid')).not.toBe('true');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ phone: '+33612345678' });
  });

  it('keeps a number abroad in E.164', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    const client = { id: 'c1', name: 'Dupont SPRL', kind: 'business', email: 'compta@dupont.test', phone: '+32470123456', language: 'fr', remindersEnabled: true } as unknown as Client;
    renderInApp(<ClientFormView client={client} scenarios={[]} submitLabel="Enregistrer" onSubmit={onSubmit} />);
    expect((screen.getByLabelText('Téléphone mobile (SMS)') as HTMLInputElement).value).toBe('+32470123456');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ phone: '+32470123456' });
  });

  it('names the scenario a client without its own follows through its first category that has one, not "Scénario par défaut"', () => {
    const client = { id: 'c1', name: 'Dupont SARL', kind: 'business', email: 'compta@dupont.test', language: 'fr', remindersEnabled: true, tags: ['fidele', 'grand-compte', 'vip'] } as unknown as Client;
    const scenarios = [
      { id: 's-vip', name: 'VIP', tags: ['vip'] },
      { id: 's-gc', name: 'Grands comptes', tags: ['grand-compte'] },
      { id: 's-plain', name: 'Autre' },
    ];
    renderInApp(<ClientFormView client={client} scenarios={scenarios} submitLabel="Enregistrer" onSubmit={vi.fn()} />);
    const select = screen.getByLabelText('Scénario') as HTMLSelectElement;
    expect(select.value).toBe('');
    expect(plain(select.selectedOptions[0]!.textContent)).toBe('Celui de sa catégorie « grand-compte » : Grands comptes');
  });

  it('keeps "Scénario par défaut" when no category of the client has a scenario', () => {
    const client = { id: 'c1', name: 'Dupont SARL', kind: 'business', email: 'compta@dupont.test', language: 'fr', remindersEnabled: true, tags: ['fidele'] } as unknown as Client;
    renderInApp(<ClientFormView client={client} scenarios={[{ id: 's-vip', name: 'VIP', tags: ['vip'] }]} submitLabel="Enregistrer" onSubmit={vi.fn()} />);
    expect((screen.getByLabelText('Scénario') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Scénario par défaut');
  });
});
