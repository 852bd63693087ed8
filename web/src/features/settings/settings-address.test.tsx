import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import SettingsScreen from './settings-screen';

/** The company's address on two lines ("ZA des Prés, bâtiment 3"): every save of the settings dropped the second line. */
const settings = {
  company: {
    name: 'Plomberie Martin',
    siren: '552100554',
    iban: 'FR7630006000011234567890189',
    address: { line1: '4 rue du Port', line2: 'ZA des Prés, bâtiment 3', postalCode: '44000', city: 'Nantes', country: 'FR' },
  },
  remindersEnabled: true,
  sendHour: 9,
  timezone: 'Europe/Paris',
  skipWeekends: true,
  skipHolidays: true,
  region: 'metropole',
  minGapDays: 3,
  language: 'fr',
};

describe('the company’s address in the settings', () => {
  it('shows and keeps its second line when another field is saved', async () => {
    const calls = fakeApi(({ method, path, body }) => {
      if (path === '/settings' && method === 'GET') return { status: 200, body: settings };
      if (path === '/settings' && method === 'PUT') return { status: 200, body: { ...settings, ...(body as object) } };
      if (path === '/scenarios') return { status: 200, body: { items: [] } };
      return undefined;
    });
    renderInApp(<SettingsScreen />);
    const line2 = await screen.findByLabelText('Complément d’adresse (facultatif)');
    expect((line2 as HTMLInputElement).value).toBe('ZA des Prés, bâtiment 3');
    await userEvent.type(screen.getByLabelText('Téléphone'), '02 40 00 00 00');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')).toBeTruthy());
    expect((calls.find((c) => c.method === 'PUT')!.body as { company: unknown }).company).toMatchObject({
      phone: '02 40 00 00 00',
      address: { line1: '4 rue du Port', line2: 'ZA des Prés, bâtiment 3', postalCode: '44000', city: 'Nantes', country: 'FR' },
    });
  });
});
