import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import SettingsScreen from './settings-screen';

const settings = { company: { name: 'Plomberie Martin', siren: '123456782' }, remindersEnabled: true, sendHour: 9, timezone: 'Europe/Paris', minGapDays: 3, language: 'fr' };

/**
 * The send hour, the calendar, the program switch and the spacing re-plan every open invoice's reminders. The screens
 * read before (an invoice's plan, the simulation, today's reminders on the home screen) were kept fresh for the cache's
 * 15 s: a plumber who moved the hour from 9 to 14 and went back to the simulation still read "09:00".
 */
describe('saving the settings', () => {
  const setup = () => {
    let current: Record<string, unknown> = settings;
    const calls = fakeApi(({ method, path, body }) => {
      if (path === '/settings' && method === 'GET') return { status: 200, body: current };
      if (path === '/settings' && method === 'PUT') return { status: 200, body: (current = { ...current, ...(body as object) }) };
      if (path === '/scenarios') return { status: 200, body: { items: [] } };
      return undefined;
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 15_000 } } });
    // What the owner looked at a moment ago, fresh in the cache.
    const viewed = [['simulation', { from: '2026-11-27', to: '2026-12-27' }], ['invoices', 'inv-1', 'plan'], ['cockpit']] as const;
    for (const key of viewed) queryClient.setQueryData(key, { items: [] });
    render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter>
          <SettingsScreen />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const stale = () => viewed.filter((key) => queryClient.getQueryState(key)?.isInvalidated).length;
    return { calls, stale, count: viewed.length };
  };

  it('marks the plans, the simulation and the home figures stale when the send hour changes', async () => {
    const { calls, stale, count } = setup();
    const hour = await screen.findByLabelText('Heure d’envoi');
    expect(stale()).toBe(0);
    await userEvent.clear(hour);
    await userEvent.type(hour, '14');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ sendHour: 14 }));
    await waitFor(() => expect(stale()).toBe(count));
  });

  it('does the same when a section below saves its own fields', async () => {
    const { calls, stale, count } = setup();
    const link = await screen.findByLabelText('Lien de paiement en ligne');
    await userEvent.type(link, 'https://pay.example.com/x');
    await userEvent.click(within(link.closest('form')!).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    await waitFor(() => expect(stale()).toBe(count));
  });
});
