import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import NotificationsScreen from './notifications-screen';
import { plain, saying } from '../../test/plain';
import { DETAIL_FIELDS } from '../../../../shared/domain/notification.js';

const overview = {
  date: '2026-11-26',
  timezone: 'Europe/Paris',
  reminders: [
    {
      invoiceId: 'inv1',
      invoiceNumber: 'F-2026-0001',
      clientId: 'c1',
      clientName: 'Boulangerie Dupont SARL',
      stepId: 'j+8',
      templateId: 'firm',
      scheduledAt: '2026-11-26T08:00:00.000Z',
      cancel: { method: 'POST', path: '/invoices/inv1/reminders/j+8/cancel' },
    },
  ],
  letters: [],
  payments: [],
  newlyOverdue: [],
  alerts: [],
};

afterEach(() => vi.unstubAllGlobals());

describe('the alerts screen', () => {
  it('cancels a reminder of the day only once the owner confirms, as Home does', async () => {
    const calls = fakeApi(({ method, path }) => {
      if (path.startsWith('/overview')) return { status: 200, body: overview };
      if (path.startsWith('/notifications')) return { status: 200, body: { items: [] } };
      if (method === 'POST' && decodeURIComponent(path) === '/invoices/inv1/reminders/j+8/cancel') return { status: 200, body: {} };
      return undefined;
    });
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    vi.stubGlobal('confirm', confirm);
    renderInApp(<NotificationsScreen />);
    const button = await screen.findByRole('button', { name: /F-2026-0001/ });
    await userEvent.click(button);
    expect(confirm).toHaveBeenCalledWith(saying('Annuler cette relance ? Elle ne partira pas.'));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    await userEvent.click(button);
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST').map((c) => decodeURIComponent(c.path))).toEqual(['/invoices/inv1/reminders/j+8/cancel']));
  });

  it('lists a reminder whose client’s every address bounced apart, as one that cannot go out, not as going out', async () => {
    const blocked = { ...overview.reminders[0]!, invoiceId: 'inv2', invoiceNumber: 'F-2026-0002', undeliverable: 'address_failing' };
    fakeApi(({ path }) => {
      if (path.startsWith('/overview')) return { status: 200, body: { ...overview, reminders: [...overview.reminders, blocked] } };
      if (path.startsWith('/notifications')) return { status: 200, body: { items: [] } };
      return undefined;
    });
    renderInApp(<NotificationsScreen />);
    expect(await screen.findByRole('heading', { name: 'Relances qui partent ce jour (1)' })).toBeTruthy();
    expect(within(screen.getByTestId('overview-reminders')).queryByText('F-2026-0002')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Relances qui ne pourront pas partir (1)' })).toBeTruthy();
    const apart = screen.getByTestId('overview-undeliverable');
    expect(within(apart).getByText('F-2026-0002')).toBeTruthy();
    expect(within(apart).getByText(/^Adresse en échec/)).toBeTruthy();
  });

  it('lists a step the client rules postpone apart with its new date, and one they skip with those that cannot go out', async () => {
    const postponed = { ...overview.reminders[0]!, invoiceId: 'inv3', invoiceNumber: 'F-2026-0003', postponedTo: '2026-12-02T08:00:00.000Z', postponedBy: 'gap' };
    const skipped = { ...overview.reminders[0]!, invoiceId: 'inv4', invoiceNumber: 'F-2026-0004', stepId: 'j-5', skippedBy: 'due_passed' };
    fakeApi(({ path }) => {
      if (path.startsWith('/overview')) return { status: 200, body: { ...overview, reminders: [...overview.reminders, postponed, skipped] } };
      if (path.startsWith('/notifications')) return { status: 200, body: { items: [] } };
      return undefined;
    });
    renderInApp(<NotificationsScreen />);
    expect(await screen.findByRole('heading', { name: 'Relances qui partent ce jour (1)' })).toBeTruthy();
    const going = screen.getByTestId('overview-reminders');
    expect(within(going).queryByText('F-2026-0003')).toBeNull();
    expect(within(going).queryByText('F-2026-0004')).toBeNull();
    const later = screen.getByTestId('overview-postponed');
    expect(within(later).getByText('F-2026-0003')).toBeTruthy();
    expect(within(later).getByText(/^reportée au 2 déc\. 2026.* : écart entre deux messages au client$/)).toBeTruthy();
    const apart = screen.getByTestId('overview-undeliverable');
    expect(within(apart).getByText('F-2026-0004')).toBeTruthy();
    expect(within(apart).getByText(/^Ne partira pas : l’écart entre deux messages/)).toBeTruthy();
  });

  it('says in words why a step could not go out: no mobile number for a text, no postal address for a letter', async () => {
    const skipped = (id: string, stepId: string, reason: string) => ({ id, kind: 'step_skipped', at: '2026-11-20T10:00:00.000Z', read: false, invoiceId: 'inv1', invoiceNumber: 'F-2026-0001', clientName: 'Garage Lefèvre', clientId: 'c1', detail: { stepId, reason } });
    fakeApi(({ path }) => {
      if (path.startsWith('/overview')) return { status: 200, body: { ...overview, reminders: [] } };
      if (path.startsWith('/notifications')) return { status: 200, body: { items: [skipped('n2', 'lettre', 'no_postal_address'), skipped('n1', 'texto', 'no_phone')] } };
      return undefined;
    });
    renderInApp(<NotificationsScreen />);
    const list = await screen.findByTestId('alerts');
    await waitFor(() => expect(list.textContent).toContain('aucun numéro de mobile'));
    expect(plain(list.textContent)).toContain('Relance non envoyée : fiche client incomplète');
    expect(list.textContent).toContain('aucune adresse postale');
    expect(list.textContent).not.toMatch(/step_skipped|no_phone|no_postal_address/);
    // The way to fix it: the client's record, saying what to add.
    expect(within(list).getByRole('link', { name: 'Ajouter l’adresse postale à la fiche du client Garage Lefèvre' }).getAttribute('href')).toBe('/clients/c1');
    expect(within(list).getByRole('link', { name: 'Ajouter un mobile à la fiche du client Garage Lefèvre' }).getAttribute('href')).toBe('/clients/c1');
  });

  it('names every fact an alert can carry, never the API’s field names or codes (a plan request’s "note", a missed plan’s "held", an opted-out text’s "cause")', async () => {
    const alert = (id: string, kind: string, detail: Record<string, string | number>) => ({ id, kind, at: '2026-11-20T10:00:00.000Z', read: false, invoiceId: 'inv1', invoiceNumber: 'F-2026-0001', clientName: 'Garage Lefèvre', clientId: 'c1', detail });
    fakeApi(({ path }) => {
      if (path.startsWith('/overview')) return { status: 200, body: { ...overview, reminders: [] } };
      if (path.startsWith('/notifications'))
        return {
          status: 200,
          body: {
            items: [
              alert('n1', 'plan_request', { note: 'Trésorerie tendue', instalments: 2 }),
              alert('n2', 'plan_missed', { date: '2026-11-05', held: 'litigation' }),
              alert('n3', 'plan_missed', { date: '2026-11-05', held: 'paused', until: '2026-12-01' }),
              alert('n4', 'send_failed', { stepId: 'j+8', cause: 'sms_opted_out' }),
              alert('n5', 'dispute', { reason: 'Travaux non terminés' }),
            ],
          },
        };
      return undefined;
    });
    renderInApp(<NotificationsScreen />);
    const list = await screen.findByTestId('alerts');
    await waitFor(() => expect(list.textContent).toContain('Trésorerie tendue'));
    const text = plain(list.textContent);
    expect(text).toContain('Message : Trésorerie tendue');
    expect(text).toContain('Relances toujours arrêtées : facture en contentieux');
    expect(text).toContain('Relances toujours arrêtées : relances en pause');
    expect(text).toContain('Cause : le client a répondu STOP');
    expect(text).not.toMatch(/\b(note|held|cause|litigation|paused|sms_opted_out)\b/);
    // Every field the API puts in an alert's detail has its label in both languages.
    for (const field of DETAIL_FIELDS) {
      expect(i18next.exists(`alerts.detail.${field}`, { lng: 'fr' }), field).toBe(true);
      expect(i18next.exists(`alerts.detail.${field}`, { lng: 'en' }), field).toBe(true);
    }
  });

  it('reaches alerts past the first 50 with "Voir plus"', async () => {
    const alert = (i: number) => ({ id: `n${i}`, kind: 'bounce', at: '2026-11-20T10:00:00.000Z', read: true, invoiceId: `inv${i}`, invoiceNumber: `F-2026-${String(i).padStart(4, '0')}`, clientName: 'Boulangerie Dupont SARL' });
    fakeApi(({ path }) => {
      if (path.startsWith('/overview')) return { status: 200, body: { ...overview, reminders: [] } };
      if (path === '/notifications?limit=50') return { status: 200, body: { items: Array.from({ length: 50 }, (_, i) => alert(60 - i)), nextCursor: 'older' } };
      if (path === '/notifications?limit=50&cursor=older') return { status: 200, body: { items: [alert(10)] } };
      if (path.startsWith('/notifications')) return { status: 200, body: { items: [] } };
      return undefined;
    });
    renderInApp(<NotificationsScreen />);
    await screen.findByRole('link', { name: 'F-2026-0060' });
    expect(screen.queryByRole('link', { name: 'F-2026-0010' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Voir plus' }));
    expect(await screen.findByRole('link', { name: 'F-2026-0010' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Voir plus' })).toBeNull();
  });
});
