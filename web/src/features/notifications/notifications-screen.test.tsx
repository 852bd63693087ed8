import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import NotificationsScreen from './notifications-screen';

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
    expect(confirm).toHaveBeenCalledWith('Annuler cette relance ? Elle ne partira pas.');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    await userEvent.click(button);
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST').map((c) => decodeURIComponent(c.path))).toEqual(['/invoices/inv1/reminders/j+8/cancel']));
  });
});
