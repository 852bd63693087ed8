import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import SettingsScreen from './settings-screen';
import { plain } from '../../test/plain';

const settings = {
  company: { name: 'Menuiserie Dupont', legalForm: 'SARL', siren: '123456782', shareCapitalCents: 1_000_000, registration: 'RCS Lyon' },
  remindersEnabled: true,
  sendHour: 9,
  timezone: 'Europe/Paris',
  skipWeekends: true,
  skipHolidays: true,
  region: 'metropole',
  minGapDays: 3,
  language: 'fr',
};

const describedBy = (input: HTMLElement) => (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '');
const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;
const save = () => userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);

const serve = (initial: Record<string, unknown> = settings, put?: (body: unknown) => { status: number; body: unknown } | undefined) =>
  fakeApi(({ method, path, body }) => {
    if (path === '/settings' && method === 'GET') return { status: 200, body: initial };
    if (path === '/settings' && method === 'PUT') return put?.(body) ?? { status: 200, body: initial };
    if (path === '/scenarios') return { status: 200, body: { items: [] } };
    return undefined;
  });

describe('the share capital and the register on the settings screen', () => {
  it('shows them in French with their hints, and sends the capital in cents', async () => {
    const calls = serve();
    renderInApp(<SettingsScreen />);
    const capital = (await screen.findByLabelText('Capital social')) as HTMLInputElement;
    const registration = screen.getByLabelText('Immatriculation (RCS / RM)') as HTMLInputElement;
    expect(capital.value).toBe('10000,00');
    expect(registration.value).toBe('RCS Lyon');
    expect(plain(describedBy(capital).join(' '))).toContain('« SARL au capital de 10 000,00 € »');
    expect(plain(describedBy(registration).join(' '))).toContain('« RCS Lyon »');
    await userEvent.clear(capital);
    await userEvent.type(capital, '7 500,50');
    await userEvent.clear(registration);
    await userEvent.type(registration, 'RM Lyon');
    await save();
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ company: { shareCapitalCents: 750_050, registration: 'RM Lyon', legalForm: 'SARL' } }));
  });

  it('removes them when emptied (sent as null: a field left out would stay on the invoices)', async () => {
    const calls = serve();
    renderInApp(<SettingsScreen />);
    await userEvent.clear(await screen.findByLabelText('Capital social'));
    await userEvent.clear(screen.getByLabelText('Immatriculation (RCS / RM)'));
    await save();
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ company: { shareCapitalCents: null, registration: null } }));
  });

  it('refuses a capital that is not an amount, in French, before the API sees it', async () => {
    const calls = serve({ ...settings, company: { name: 'Menuiserie Dupont' } });
    renderInApp(<SettingsScreen />);
    const capital = await screen.findByLabelText('Capital social');
    expect((capital as HTMLInputElement).value).toBe('');
    await userEvent.type(capital, '-100');
    await save();
    await waitFor(() => expect(plain(errorOf(capital))).toBe('Montant invalide (ex. 1 234,56)'));
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('puts the API’s refusal of the capital under its field', async () => {
    serve(settings, () => ({
      status: 400,
      body: {
        type: 'https://relances.dev/problems/validation',
        status: 400,
        title: 'Invalid request',
        detail: 'body.company.shareCapitalCents: must be at most 99999999999 cents',
        errors: [{ path: 'body.company.shareCapitalCents', message: 'must be at most 99999999999 cents (999 999 999,99 €)' }],
      },
    }));
    renderInApp(<SettingsScreen />);
    const capital = await screen.findByLabelText('Capital social');
    await userEvent.clear(capital);
    await userEvent.type(capital, '1000000000000');
    await save();
    await waitFor(() => expect(errorOf(capital)?.replace(/[\s\u00a0\u202f]+/g, ' ')).toBe('999 999 999,99 € au plus'));
    expect(screen.queryByText('Réglages enregistrés.')).toBeNull();
  });
});
