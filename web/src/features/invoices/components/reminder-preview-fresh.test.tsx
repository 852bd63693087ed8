import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { SendReminderDialog } from './reminders';

/**
 * "Relancer maintenant" previews the message as it would go now. Its dry run was cached for the app's 15 s: a
 * plumber who opened it, closed it, recorded a partial payment and opened it again read the balance of before
 * ("montant de 1 880,00 €" over an invoice now owing 880,00 €), the email sent saying otherwise.
 */
describe('the preview of a reminder sent by hand', () => {
  it('is read again each time the dialog opens, never the one of a moment ago', async () => {
    let balance = '1 880,00 €';
    fakeApi(({ method, path }) => {
      if (path === '/templates') return { status: 200, body: { items: [{ id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr', purpose: 'reminder' }] } };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true')
        return {
          status: 201,
          body: {
            clientId: 'c1',
            dryRun: true,
            subject: 'Relance F-2026-0002',
            text: `La facture F-2026-0002 reste due pour un montant de ${balance}.`,
            to: ['gestion@tilleuls.test'],
            cc: [],
            bcc: [],
            attachments: [],
            notAttached: [],
            items: [{ invoiceId: 'inv1', number: 'F-2026-0002', status: 'would_send' }],
          },
        };
      return undefined;
    });
    render(
      // The app's own cache setting (app.tsx): fresh for 15 s.
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 15_000 } } })}>
        <MemoryRouter>
          <SendReminderDialog invoiceId="inv1" clientId="c1" />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const open = async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Relancer maintenant' }));
      const dialog = await screen.findByRole('dialog', { name: 'Relancer maintenant' });
      return within(dialog).findByTestId('preview-body');
    };
    expect((await open()).textContent).toBe('La facture F-2026-0002 reste due pour un montant de 1 880,00 €.');
    await userEvent.click(screen.getByRole('button', { name: 'Fermer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    balance = '880,00 €'; // a payment of 1 000,00 € recorded meanwhile
    await open();
    await waitFor(() => expect(screen.getByTestId('preview-body').textContent).toBe('La facture F-2026-0002 reste due pour un montant de 880,00 €.'));
  });
});
