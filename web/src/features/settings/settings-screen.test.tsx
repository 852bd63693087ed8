import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import { setLanguage } from '../../lib/i18n';
import SettingsScreen from './settings-screen';
import { plain } from '../../test/plain';

const settings = {
  company: { name: 'Plomberie Martin', siren: '123456782', iban: 'FR7630006000011234567890189' },
  remindersEnabled: true,
  sendHour: 9,
  timezone: 'Europe/Paris',
  skipWeekends: true,
  skipHolidays: true,
  region: 'metropole',
  minGapDays: 3,
  language: 'fr',
};

const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

const serve = (initial: Record<string, unknown> = settings) => {
  let current: Record<string, unknown> = initial;
  return fakeApi(({ method, path, body }) => {
    if (path === '/settings' && method === 'GET') return { status: 200, body: current };
    if (path === '/settings' && method === 'PUT') {
      current = { ...current, ...(body as object) };
      return { status: 200, body: current };
    }
    if (path === '/scenarios')
      return {
        status: 200,
        body: {
          items: [
            { id: 'b2b-default', name: 'Clients professionnels (J-5, J+1, J+8, J+15)', steps: [], tags: [], builtIn: true, customized: false },
            { id: 'b2c-default', name: 'Clients particuliers (J-5, J+1, J+8, J+15)', steps: [], tags: [], builtIn: true, customized: false },
          ],
        },
      };
    return undefined;
  });
};

describe('the settings screen', () => {
  it('refuses a malformed BIC in French before the API sees it', async () => {
    const calls = serve();
    renderInApp(<SettingsScreen />);
    const bic = await screen.findByLabelText('BIC');
    await userEvent.type(bic, 'XXXX');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(errorOf(bic)).toBe('BIC invalide (8 ou 11 caractères, ex. BNPAFRPP)'));
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
    await userEvent.clear(bic);
    await userEvent.type(bic, 'bnpa frpp');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ company: { bic: 'BNPAFRPP' } }));
  });

  it('refuses a VAT number whose French key does not match the SIREN, in French, before the API sees it', async () => {
    const calls = serve();
    renderInApp(<SettingsScreen />);
    const vat = await screen.findByLabelText('N° de TVA');
    await userEvent.type(vat, 'FR 00 123 456 782');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(plain(errorOf(vat))).toBe('N° de TVA invalide : FR, une clé de 2 caractères puis le SIREN (ex. FR 32 123456789)'));
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
    await userEvent.clear(vat);
    await userEvent.type(vat, 'FR 11 123 456 782');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ company: { vatNumber: 'FR 11 123 456 782' } }));
  });

  it('sends a postal code and city given without the street, and says under "Adresse" what the API refuses (they were dropped and "saved")', async () => {
    const calls = fakeApi(({ method, path }) => {
      if (path === '/settings' && method === 'GET') return { status: 200, body: settings };
      if (path === '/settings' && method === 'PUT')
        return {
          status: 400,
          body: {
            type: 'https://relances.dev/problems/validation',
            status: 400,
            title: 'Invalid request',
            detail: 'body.company.address.line1: Too small: expected string to have >=1 characters',
            errors: [{ path: 'body.company.address.line1', message: 'Too small: expected string to have >=1 characters' }],
          },
        };
      if (path === '/scenarios') return { status: 200, body: { items: [] } };
      return undefined;
    });
    renderInApp(<SettingsScreen />);
    await userEvent.type(await screen.findByLabelText('Code postal'), '75001');
    await userEvent.type(screen.getByLabelText('Ville'), 'Paris');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ company: { address: { line1: '', postalCode: '75001', city: 'Paris' } } }));
    const street = screen.getByLabelText('Adresse');
    await waitFor(() => expect(errorOf(street)).toBe('Obligatoire'));
    expect(screen.queryByText('Réglages enregistrés.')).toBeNull();
  });

  it('keeps what was typed in the company form, unsaved, when a section below saves its own fields', async () => {
    const calls = serve();
    renderInApp(<SettingsScreen />);
    const name = await screen.findByLabelText('Raison sociale');
    await userEvent.clear(name);
    await userEvent.type(name, 'Plomberie Martin & fils');
    const link = screen.getByLabelText('Lien de paiement en ligne');
    await userEvent.type(link, 'https://pay.example.com/{{{{invoiceNumber}}');
    await userEvent.click(within(link.closest('form')!).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    await waitFor(() => expect(within(link.closest('form')!).getByText('Réglages enregistrés.')).toBeTruthy());
    expect((screen.getByLabelText('Raison sociale') as HTMLInputElement).value).toBe('Plomberie Martin & fils');
  });

  it('says the settings are saved once the API answers, and stops saying so when they are edited again', async () => {
    serve();
    renderInApp(<SettingsScreen />);
    const name = await screen.findByLabelText('Raison sociale');
    await userEvent.clear(name);
    await userEvent.type(name, 'Plomberie Martin & fils');
    expect(screen.queryByText('Réglages enregistrés.')).toBeNull();
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    expect(await screen.findByText('Réglages enregistrés.')).toBeTruthy();
    expect((screen.getByLabelText('Raison sociale') as HTMLInputElement).value).toBe('Plomberie Martin & fils');
    await userEvent.type(screen.getByLabelText('Raison sociale'), ' SARL');
    await waitFor(() => expect(screen.queryByText('Réglages enregistrés.')).toBeNull());
  });

  it('says a send hour out of range in French (not zod’s English) before the API sees it', async () => {
    const calls = serve();
    renderInApp(<SettingsScreen />);
    const hour = await screen.findByLabelText('Heure d’envoi');
    await userEvent.clear(hour);
    await userEvent.type(hour, '25');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(errorOf(hour)).toBe('Un nombre entre 0 et 23'));
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('requires a send hour rather than taking an emptied field as midnight', async () => {
    const calls = serve();
    renderInApp(<SettingsScreen />);
    const hour = await screen.findByLabelText('Heure d’envoi');
    await userEvent.clear(hour);
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(errorOf(hour)).toBe('Obligatoire'));
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('names the built-in scenario business clients follow when none is chosen, not "—"', async () => {
    serve();
    renderInApp(<SettingsScreen />);
    const select = (await screen.findByLabelText('Scénario des clients professionnels')) as HTMLSelectElement;
    await waitFor(() => expect(select.selectedOptions[0]?.textContent).toBe('Clients professionnels (J-5, J+1, J+8, J+15)'));
    expect([...select.options].map((o) => o.textContent)).toEqual(['Clients professionnels (J-5, J+1, J+8, J+15)', 'Clients particuliers (J-5, J+1, J+8, J+15)']);
    expect([...select.options].some((o) => o.textContent === '—')).toBe(false);
  });

  it('puts the built-in business clients’ scenario back when it is chosen (it was left out of the PUT, which kept the other)', async () => {
    let current: Record<string, unknown> = { ...settings, defaultScenarioId: 's1' };
    const calls = fakeApi(({ method, path, body }) => {
      if (path === '/settings' && method === 'GET') return { status: 200, body: current };
      if (path === '/settings' && method === 'PUT') return { status: 200, body: (current = { ...current, ...(body as object) }) };
      if (path === '/scenarios')
        return {
          status: 200,
          body: {
            items: [
              { id: 'b2b-default', name: 'Clients professionnels (J-5, J+1, J+8, J+15)', steps: [], tags: [], builtIn: true, customized: false },
              { id: 's1', name: 'Chantiers longs', steps: [], tags: [] },
            ],
          },
        };
      return undefined;
    });
    renderInApp(<SettingsScreen />);
    const select = (await screen.findByLabelText('Scénario des clients professionnels')) as HTMLSelectElement;
    await waitFor(() => expect(select.options).toHaveLength(2));
    // (The saved choice shown once the options are read is checked in Chromium: test/browser/saved-choices.test.ts.)
    await userEvent.selectOptions(select, 'Clients professionnels (J-5, J+1, J+8, J+15)');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ defaultScenarioId: 'b2b-default' }));
  });

  it('names the built-in scenarios in English for an English user (the API’s names are French), and a scenario the owner named as it is', async () => {
    await setLanguage('en');
    try {
      fakeApi(({ method, path }) => {
        if (path === '/settings' && method === 'GET') return { status: 200, body: settings };
        if (path === '/scenarios')
          return {
            status: 200,
            body: {
              items: [
                { id: 'b2b-default', name: 'Clients professionnels (J-5, J+1, J+8, J+15)', steps: [], tags: [], builtIn: true, customized: false },
                { id: 'b2c-default', name: 'Clients particuliers (J-5, J+1, J+8, J+15)', steps: [], tags: [], builtIn: true, customized: false },
                { id: 's1', name: 'Chantiers longs', steps: [], tags: [] },
              ],
            },
          };
        return undefined;
      });
      renderInApp(<SettingsScreen />);
      const select = (await screen.findByLabelText('Scenario for business clients')) as HTMLSelectElement;
      await waitFor(() => expect(select.options).toHaveLength(3));
      expect([...select.options].map((o) => o.textContent)).toEqual(['Business clients (D-5, D+1, D+8, D+15)', 'Consumers (D-5, D+1, D+8, D+15)', 'Chantiers longs']);
    } finally {
      await setLanguage('fr');
    }
  });

  it('shows a new tenant an empty name with a hint in the user’s language, never the French placeholder, and keeps it when saved empty', async () => {
    const fresh = { ...settings, company: { name: 'Mon entreprise' } };
    await setLanguage('en');
    try {
      const calls = serve(fresh);
      renderInApp(<SettingsScreen />);
      const name = (await screen.findByLabelText('Company name')) as HTMLInputElement;
      expect(name.value).toBe('');
      expect(name.placeholder).toBe('e.g. Smith Plumbing');
      expect(document.body.textContent).not.toContain('Mon entreprise');
      // The program saved without a name yet: no "required", and the placeholder goes back as it was.
      await userEvent.click(screen.getAllByRole('button', { name: 'Save' })[0]!);
      await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ company: { name: 'Mon entreprise' } }));
      expect(errorOf(name)).toBeUndefined();
    } finally {
      await setLanguage('fr');
    }
  });

  it('still requires the name once one was given', async () => {
    const calls = serve();
    renderInApp(<SettingsScreen />);
    const name = await screen.findByLabelText('Raison sociale');
    expect((name as HTMLInputElement).placeholder).toBe('ex. Plomberie Martin');
    await userEvent.clear(name);
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(errorOf(name)).toBe('Obligatoire'));
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('says the language setting is the owner’s (alerts, daily overview, proof file), and where a client’s own is set: it read "Langue des messages aux clients", which it never was', async () => {
    serve();
    renderInApp(<SettingsScreen />);
    const select = await screen.findByLabelText('Votre langue (alertes, récapitulatif, dossier de preuve)');
    expect(document.getElementById(select.getAttribute('aria-describedby')?.split(' ').find((id) => id.endsWith('-hint')) ?? '')?.textContent).toBe(
      'Vos clients reçoivent leurs messages dans la langue choisie sur leur fiche.',
    );
    expect(screen.queryByText('Langue des messages aux clients')).toBeNull();
  });

  it('removes the SMS sender name when its field is emptied (it stayed, though the screen said "Enregistré")', async () => {
    const calls = serve({ ...settings, groupByClient: true, sms: { senderId: 'PLOMBIER', originationIdentity: '+33612345678' } });
    renderInApp(<SettingsScreen />);
    const sending = await screen.findByRole('form', { name: 'Envoi des relances' });
    const sender = within(sending).getByLabelText('Nom d’expéditeur des SMS');
    expect((sender as HTMLInputElement).value).toBe('PLOMBIER');
    await userEvent.clear(sender);
    await userEvent.click(within(sending).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ groupByClient: true, sms: { originationIdentity: '+33612345678' } }));
    await userEvent.clear(within(sending).getByLabelText('Identité d’origine SMS (numéro ou ARN)'));
    await userEvent.click(within(sending).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')[1]?.body).toMatchObject({ sms: {} }));
    expect((calls.filter((c) => c.method === 'PUT')[1]?.body as { sms: object }).sms).toEqual({});
  });
});
