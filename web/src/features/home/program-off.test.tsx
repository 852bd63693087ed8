import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import HomeScreen from './home-screen';
import { plain } from '../../test/plain';

const cockpit = {
  asOf: '2026-11-25', currency: 'EUR', outstandingCents: 138_000, overdueCents: 138_000, openInvoices: 1, overdueInvoices: 1, aging: [],
  invoicedCents: { month: 0, quarter: 0, year: 0 }, collectedCents: { month: 0, quarter: 0, year: 0 }, dsoDays: null, avgDaysToPay: null, forecast: [], topLateClients: [],
  reminders: { sentThisMonth: 0, steps: [], medianDaysFirstReminderToPayment: null, bounces: 0 },
};
const serve = (remindersEnabled: boolean) =>
  fakeApi((r) => {
    const path = r.path.split('?')[0];
    if (path === '/cockpit') return { status: 200, body: cockpit };
    if (path === '/settings') return { status: 200, body: { company: { name: 'Plomberie Martin', siren: '123456782', address: { line1: '1 rue', postalCode: '44000', city: 'Nantes' } }, remindersEnabled } };
    if (path === '/reminders/simulation') return { status: 200, body: { from: '', to: '', items: [] } };
    if (path === '/reminders/to-post' || path === '/notifications') return { status: 200, body: { items: [] } };
    return undefined;
  });

describe('the home screen with automatic reminders switched off', () => {
  it('says under "Relances du jour" that none goes out, with the way to switch them on', async () => {
    serve(false);
    renderInApp(<HomeScreen />);
    const off = await screen.findByTestId('program-off');
    expect(plain(off.textContent)).toBe('Relances automatiques coupées : aucune ne part tant qu’elles le restent. Les réactiver dans les réglages');
    expect(within(off).getByRole('link', { name: 'Les réactiver dans les réglages' }).getAttribute('href')).toBe('/settings');
    expect(off.closest('section')?.querySelector('h2')?.textContent).toBe('Relances du jour');
  });

  it('says nothing of the kind while they are on', async () => {
    serve(true);
    renderInApp(<HomeScreen />);
    await screen.findByText('Aucune relance ne part aujourd’hui.');
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.queryByTestId('program-off')).toBeNull();
  });
});
