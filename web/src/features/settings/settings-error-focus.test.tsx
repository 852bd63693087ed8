import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import SettingsScreen from './settings-screen';

/**
 * The API lists a refused postal code before a refused phone (its own order), while the phone sits above the
 * address on screen: the focus went down to the postal code, past the phone's error, and a phone's keyboard
 * opened on the second mistake.
 */
const settings = {
  company: { name: 'Plomberie Martin', siren: '123456782', iban: 'FR7630006000011234567890189', address: { line1: '4 rue du Port', postalCode: '44000', city: 'Nantes', country: 'FR' } },
  remindersEnabled: true,
  sendHour: 9,
  timezone: 'Europe/Paris',
  skipWeekends: true,
  skipHolidays: true,
  region: 'metropole',
  minGapDays: 3,
  language: 'fr',
};

describe('the settings refused by the API on two fields', () => {
  it('puts each error under its field and the focus on the first one on screen, whatever the API’s order', async () => {
    fakeApi(({ method, path }) => {
      if (path === '/settings' && method === 'GET') return { status: 200, body: settings };
      if (path === '/settings' && method === 'PUT')
        return {
          status: 400,
          body: {
            type: 'https://relances.dev/problems/validation',
            status: 400,
            title: 'Invalid request',
            errors: [
              { path: 'body.company.address.postalCode', message: 'must be 5 digits in France (e.g. 75011)' },
              { path: 'body.company.phone', message: 'must be a phone number of 6 to 15 digits, e.g. 01 23 45 67 89' },
            ],
          },
        };
      if (path === '/scenarios') return { status: 200, body: { items: [] } };
      return undefined;
    });
    renderInApp(<SettingsScreen />);
    const phone = await screen.findByLabelText('Téléphone');
    await userEvent.type(phone, '12');
    const postal = screen.getByLabelText('Code postal');
    await userEvent.clear(postal);
    await userEvent.type(postal, '440');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    expect(postal.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(`${phone.id}-error`)?.textContent).toBe('Numéro de téléphone invalide (ex. 01 23 45 67 89)');
    expect(document.getElementById(`${postal.id}-error`)?.textContent).toBe('5 chiffres en France (ex. 75011)');
    expect(document.activeElement).toBe(phone);
  });
});
