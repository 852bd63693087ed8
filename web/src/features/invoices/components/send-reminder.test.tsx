import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import { SendReminderDialog } from './reminders';

const GAP = 'This client received a message on 2026-11-24; with a minimum gap of 3 days the next one is due on 2026-11-27. Send with "force": true to send anyway.';

describe('sending a reminder now', () => {
  it('says in French that the client was written to recently, and sends anyway when the owner decides so', async () => {
    const calls = fakeApi(({ method, path, body }) => {
      if (path === '/templates') return { status: 200, body: { items: [{ id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr' }] } };
      if (path === '/templates/reminder/preview') return { status: 200, body: { subject: 'Relance F-2026-0001', body: 'Bonjour', variables: {} } };
      if (method === 'POST' && path === '/invoices/inv1/reminders')
        return (body as { force?: boolean }).force
          ? { status: 201, body: { stepId: 'manual-2026-11-25', templateId: 'reminder', channel: 'email', state: 'sent', recipients: ['compta@dupont.test', 'patron@dupont.test'] } }
          : { status: 409, body: { type: 'https://relances.dev/problems/conflict', status: 409, title: 'Conflict', detail: GAP } };
      return undefined;
    });
    renderInApp(<SendReminderDialog invoiceId="inv1" />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer maintenant' }));
    const dialog = await screen.findByRole('dialog', { name: 'Relancer maintenant' });
    await within(dialog).findByTestId('preview-subject');
    expect(within(dialog).queryByRole('button', { name: 'Envoyer quand même' })).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Envoyer la relance' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'Ce client a déjà reçu un message le 24 nov. 2026 : l’écart minimum entre deux messages mène au 27 nov. 2026. Vous pouvez tout de même envoyer.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Envoyer quand même' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe('Relance envoyée. Destinataires : compta@dupont.test, patron@dupont.test.');
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST' && c.path === '/invoices/inv1/reminders').map((c) => c.body)).toEqual([{ templateId: 'reminder' }, { templateId: 'reminder', force: true }]));
  });
});
