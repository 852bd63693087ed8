import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, type Recorded } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import HomeScreen from './home-screen';
import { plain } from '../../test/plain';

const cockpit = {
  asOf: '2026-11-25',
  currency: 'EUR',
  outstandingCents: 202_000,
  overdueCents: 120_000,
  openInvoices: 2,
  overdueInvoices: 1,
  aging: [],
  invoicedCents: { month: 0, quarter: 0, year: 0 },
  collectedCents: { month: 50_000, quarter: 50_000, year: 50_000 },
  dsoDays: 72.1,
  avgDaysToPay: null,
  forecast: [],
  topLateClients: [],
  reminders: { sentThisMonth: 1, steps: [{ stepId: 'manual', sent: 1, paidWithin7Days: 0, share: 0 }], medianDaysFirstReminderToPayment: null, bounces: 0 },
};
const today = { stepId: 'j+8', clientId: 'c1', clientName: 'Boulangerie Dupont SARL', invoiceId: 'inv1', invoiceNumber: 'F-2026-0001', templateId: 'firm', channel: 'email', action: 'send', at: '2026-11-25T08:00:00.000Z', scenarioId: 'b2b-default', scenarioRule: 'default' };
const alert = (id: string, kind: string) => ({ id, read: false, kind, clientName: 'Boulangerie Dupont SARL', invoiceId: 'inv1', invoiceNumber: 'F-2026-0001', at: '2026-11-25T21:42:06.605Z' });

const serve = (alerts: object[], answer: (r: Recorded) => { status: number; body?: unknown } | undefined = () => undefined, items: object[] = [today], settings?: object) => {
  let cancelled = false;
  const calls = fakeApi((r) => {
    const path = decodeURIComponent(r.path.split('?')[0]!);
    if (path === '/cockpit') return { status: 200, body: cockpit };
    if (path === '/settings' && settings) return { status: 200, body: settings };
    if (path === '/reminders/simulation') return { status: 200, body: { from: '', to: '', items: cancelled ? [] : items } };
    if (path === '/reminders/to-post') return { status: 200, body: { items: [] } };
    if (path === '/notifications') return { status: 200, body: { items: alerts } };
    if (r.method === 'POST' && path === '/invoices/inv1/reminders/j+8/cancel') {
      cancelled = true;
      return answer(r) ?? { status: 200, body: {} };
    }
    return undefined;
  });
  return calls;
};

afterEach(() => vi.unstubAllGlobals());

describe('the home screen', () => {
  it('shows the newest unread alerts, the way to all of them, and names the steps in words', async () => {
    serve([alert('n1', 'dispute'), alert('n2', 'promise'), alert('n3', 'paid_claim'), alert('n4', 'bounce')]);
    renderInApp(<HomeScreen />);
    const box = await screen.findByTestId('home-alerts');
    await waitFor(() => expect(within(box).getAllByRole('listitem')).toHaveLength(3));
    expect(within(box).getAllByRole('listitem').map((li) => li.querySelector('strong')?.textContent)).toEqual(['Facture contestée', 'Promesse de paiement', 'Le client dit avoir payé']);
    expect(within(box).getByRole('link', { name: 'Toutes les alertes (4 non lues)' }).getAttribute('href')).toBe('/notifications');
    expect(await screen.findByText(/^Relance manuelle · /)).toBeTruthy();
    // With open invoices, the charts come (their own chunk).
    expect(await screen.findByRole('heading', { name: 'Ancienneté des impayés' }, { timeout: 5000 })).toBeTruthy();
  });

  it('says what a skipped step lacks on the client’s record (no mobile number, no postal address)', async () => {
    serve([
      { ...alert('n1', 'step_skipped'), detail: { stepId: 'j+2', reason: 'no_postal_address' } },
      { ...alert('n2', 'step_skipped'), detail: { stepId: 'j+1', reason: 'no_phone' } },
    ]);
    renderInApp(<HomeScreen />);
    const box = await screen.findByTestId('home-alerts');
    await waitFor(() => expect(within(box).getAllByRole('listitem')).toHaveLength(2));
    const lines = within(box).getAllByRole('listitem').map((li) => plain(li.textContent));
    expect(lines[0]).toMatch(/^Relance non envoyée : fiche client incomplète \(aucune adresse postale\) · F-2026-0001/);
    expect(lines[1]).toMatch(/^Relance non envoyée : fiche client incomplète \(aucun numéro de mobile\) · F-2026-0001/);
  });

  it('says what alerts will show when there is none', async () => {
    serve([]);
    renderInApp(<HomeScreen />);
    expect(await within(await screen.findByTestId('home-alerts')).findByText(/^Aucune nouvelle alerte.*relances qui ne peuvent pas partir/)).toBeTruthy();
    // The browser tab names the screen, not the greeting.
    expect(document.title).toBe('Accueil · Relances');
  });

  it('shows no empty charts before the first open invoice, only the way to create one', async () => {
    const open = cockpit.openInvoices;
    cockpit.openInvoices = 0;
    try {
      serve([]);
      renderInApp(<HomeScreen />);
      expect(await screen.findByText('Aucune facture en cours. Créez-en une : Relances la suivra pour vous.')).toBeTruthy();
      await screen.findByTestId('home-alerts');
      await new Promise((r) => setTimeout(r, 300)); // time for the charts' chunk, were it asked for
      expect(screen.queryByRole('heading', { name: 'Ancienneté des impayés' })).toBeNull();
      expect(screen.queryByRole('heading', { name: 'Encaissements attendus par semaine' })).toBeNull();
    } finally {
      cockpit.openInvoices = open;
    }
  });

  it('cancels one of today’s reminders after confirmation', async () => {
    const calls = serve([]);
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    vi.stubGlobal('confirm', confirm);
    renderInApp(<HomeScreen />);
    const button = await screen.findByRole('button', { name: 'Annuler la relance J+8 de F-2026-0001' });
    await userEvent.click(button);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await userEvent.click(button);
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST').map((c) => decodeURIComponent(c.path))).toEqual(['/invoices/inv1/reminders/j+8/cancel']));
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(await screen.findByText('Aucune relance ne part aujourd’hui.')).toBeTruthy();
  });

  it('says when each of today’s reminders goes out, in the tenant’s time zone (it said no time)', async () => {
    const tahiti = { ...today, invoiceId: 'inv2', invoiceNumber: 'F-2026-0002', stepId: 'j+15', at: '2026-11-25T19:00:00.000Z' };
    const later = { ...today, at: '2026-11-25T20:30:00.000Z' };
    serve([], undefined, [tahiti, later], { company: { name: 'Plomberie Martin', email: 'contact@plomberie.example' }, timezone: 'Pacific/Tahiti', sendHour: 9, remindersEnabled: true });
    renderInApp(<HomeScreen />);
    const list = await screen.findByRole('list', { name: 'Relances du jour' });
    // 19:00Z and 20:30Z are 09:00 and 10:30 in Tahiti: the tenant's zone, not the browser's (UTC here).
    await waitFor(() => expect(within(list).getAllByRole('listitem').map((li) => li.querySelector('time')?.textContent)).toEqual(['à 09:00', 'à 10:30']));
    expect(within(list).getAllByRole('listitem')[0]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-25T19:00:00.000Z');
  });

  it('asks for what goes out until the end of the tenant’s day in its zone, not midnight UTC (an Antilles evening’s reminders were missing, Nouméa’s tomorrow shown as today)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // Friday 27 November, 21:00 UTC: 17:00 in Martinique, already Saturday 08:00 in Nouméa.
    vi.setSystemTime(new Date('2026-11-27T21:00:00.000Z'));
    try {
      for (const [timezone, day] of [
        ['America/Martinique', '2026-11-27'],
        ['Pacific/Noumea', '2026-11-28'],
      ] as const) {
        const calls = serve([], undefined, [today], { company: { name: 'Plomberie Martin', email: 'contact@plomberie.example' }, timezone, sendHour: 21, remindersEnabled: true });
        const { unmount } = renderInApp(<HomeScreen />);
        await screen.findByRole('list', { name: 'Relances du jour' });
        const asked = calls.filter((c) => c.path.startsWith('/reminders/simulation')).map((c) => Object.fromEntries(new URLSearchParams(c.path.split('?')[1])));
        expect(asked, timezone).toEqual([{ from: '2026-11-27T21:00:00.000Z', to: day }]);
        unmount();
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('says the day’s send hour when a reminder comes without its time', async () => {
    const { at: _at, ...noTime } = today;
    serve([], undefined, [noTime], { company: { name: 'Plomberie Martin', email: 'contact@plomberie.example' }, timezone: 'Europe/Paris', sendHour: 9, remindersEnabled: true });
    renderInApp(<HomeScreen />);
    const list = await screen.findByRole('list', { name: 'Relances du jour' });
    await waitFor(() => expect(within(list).getByRole('listitem').textContent).toContain('à 09:00'));
  });
});
