import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderWithHistory } from '../../test/history';
import HomeScreen from '../home/home-screen';
import SettingsScreen from './settings-screen';

/**
 * No company email, no reply-to address, no notification address: invoices and reminders go without a
 * Reply-To and no alert reaches the owner (README Known issues). The app says so, in French, on the home
 * screen and the settings screen, with a link to the company email field.
 */
const WARNING =
  'Personne ne peut vous répondre : ni e-mail de l’entreprise, ni adresse de réponse des relances, ni e-mail pour les alertes. Les réponses de vos clients partent à l’adresse d’envoi de la plateforme, que personne ne lit, et vous ne recevez aucune alerte (rebonds, litiges, « j’ai payé »).';
const LINK = 'Renseigner l’e-mail de l’entreprise';

const BASE = {
  company: { name: 'Plomberie Martin', siren: '123456782', iban: 'FR7630006000011234567890189', address: { line1: '4 rue du Port', postalCode: '44000', city: 'Nantes', country: 'FR' } },
  remindersEnabled: true,
  sendHour: 9,
  timezone: 'Europe/Paris',
  skipWeekends: true,
  skipHolidays: true,
  region: 'metropole',
  minGapDays: 3,
  language: 'fr',
  replyToEmail: null,
  notifyEmail: null,
  notifications: { immediate: true, dailyOverview: true, overviewHour: 8 },
};
const COCKPIT = {
  asOf: '2026-11-27', currency: 'EUR', outstandingCents: 0, overdueCents: 0, openInvoices: 0, overdueInvoices: 0, aging: [],
  invoicedCents: { month: 0, quarter: 0, year: 0 }, collectedCents: { month: 0, quarter: 0, year: 0 }, dsoDays: null, avgDaysToPay: null, forecast: [], topLateClients: [],
  reminders: { sentThisMonth: 0, steps: [], medianDaysFirstReminderToPayment: null, bounces: 0 },
};

const serve = (initial: Record<string, unknown>) => {
  let current = initial;
  return fakeApi(({ method, path, body }) => {
    const bare = path.split('?')[0];
    if (bare === '/settings' && method === 'GET') return { status: 200, body: current };
    if (bare === '/settings' && method === 'PUT') {
      const patch = body as Record<string, unknown>;
      current = { ...current, ...patch, company: { ...(current.company as object), ...(patch.company as object) } };
      return { status: 200, body: current };
    }
    if (bare === '/scenarios') return { status: 200, body: { items: [] } };
    if (bare === '/cockpit') return { status: 200, body: COCKPIT };
    if (bare === '/reminders/simulation') return { status: 200, body: { from: '', to: '', items: [] } };
    if (bare === '/reminders/to-post' || bare === '/notifications') return { status: 200, body: { items: [] } };
    return undefined;
  });
};
const routes = [
  { path: '/', element: <HomeScreen /> },
  { path: '/settings', element: <SettingsScreen /> },
];

describe('the warning when nobody can reply to the owner', () => {
  it('shows on the home screen and leads to the company email field of the settings, focused', async () => {
    serve(BASE);
    renderWithHistory(['/'], routes);
    const warning = await screen.findByTestId('no-reply-address');
    expect(within(warning).getByText(WARNING)).toBeTruthy();
    const link = within(warning).getByRole('link', { name: LINK });
    expect(link.getAttribute('href')).toBe('/settings#company-email');
    await userEvent.click(link);
    const email = await screen.findByLabelText('E-mail');
    await waitFor(() => expect(document.activeElement).toBe(email));
  });

  it('shows on the settings screen until one of the three addresses is saved', async () => {
    const calls = serve(BASE);
    renderWithHistory(['/settings'], routes);
    expect(within(await screen.findByTestId('no-reply-address')).getByText(WARNING)).toBeTruthy();
    await userEvent.type(screen.getByLabelText('E-mail'), 'contact@plomberie.test');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ company: { email: 'contact@plomberie.test' } }));
    await waitFor(() => expect(screen.queryByTestId('no-reply-address')).toBeNull());
  });

  it.each([
    ['a company email', { company: { ...BASE.company, email: 'contact@plomberie.test' } }],
    ['a reply-to address', { replyToEmail: 'relances@plomberie.test' }],
    ['a notification address', { notifyEmail: 'patron@plomberie.test' }],
  ])('says nothing with %s', async (_, given) => {
    serve({ ...BASE, ...given });
    const settingsScreen = renderWithHistory(['/settings'], routes);
    await screen.findByLabelText('E-mail'); // the settings are read
    expect(screen.queryByTestId('no-reply-address')).toBeNull();
    settingsScreen.unmount();
    renderWithHistory(['/'], routes);
    await screen.findByRole('heading', { level: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.queryByTestId('no-reply-address')).toBeNull();
  });
});
