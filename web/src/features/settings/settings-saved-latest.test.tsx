import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import SettingsScreen from './settings-screen';

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
  graceDaysAfterPayment: 3,
  notifications: { immediate: true, dailyOverview: false, overviewHour: 8 },
};

const refusedEmail = {
  type: 'https://relances.dev/problems/validation',
  status: 400,
  title: 'Invalid request',
  errors: [{ path: 'body.notifyEmail', message: 'must be an email address' }],
};

const screenWithApi = () => {
  fakeApi(({ method, path, body }) => {
    if (path === '/settings' && method === 'GET') return { status: 200, body: settings };
    if (path === '/settings' && method === 'PUT') {
      if ((body as { notifyEmail?: string }).notifyEmail) return { status: 400, body: refusedEmail };
      return { status: 200, body: { ...settings, ...(body as object) } };
    }
    if (path === '/scenarios') return { status: 200, body: { items: [] } };
    return undefined;
  });
  renderInApp(<SettingsScreen />);
};

const section = (name: string) => screen.getByRole('form', { name });

describe('the « Réglages enregistrés. » notice of a settings section', () => {
  it('goes when another section, saved since, shows its error', async () => {
    screenWithApi();
    const user = userEvent.setup();
    const grace = await screen.findByLabelText(/Délai après un paiement/);
    await user.clear(grace);
    await user.type(grace, '5');
    await user.click(within(section('Paiement')).getByRole('button', { name: 'Enregistrer' }));
    await within(section('Paiement')).findByText('Réglages enregistrés.');

    const alerts = section('Notifications');
    await user.type(within(alerts).getByLabelText('E-mail pour les alertes'), 'pas-un-email@x');
    await user.click(within(alerts).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(within(alerts).getByLabelText('E-mail pour les alertes').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.queryByText('Réglages enregistrés.')).toBeNull();
  });

  it('goes when the section is edited again (its fields no longer what was saved)', async () => {
    screenWithApi();
    const user = userEvent.setup();
    const grace = await screen.findByLabelText(/Délai après un paiement/);
    await user.clear(grace);
    await user.type(grace, '5');
    await user.click(within(section('Paiement')).getByRole('button', { name: 'Enregistrer' }));
    await within(section('Paiement')).findByText('Réglages enregistrés.');
    await user.type(grace, '0');
    expect(screen.queryByText('Réglages enregistrés.')).toBeNull();
  });
});
