import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ErrorMessage } from '../../components/ui';
import { ApiError } from '../../lib/problem';
import { fakeApi } from '../../test/fake-api';
import { Page, renderWithHistory } from '../../test/history';
import SettingsScreen from './settings-screen';

const refused = new ApiError(422, {
  type: 'https://relances.dev/problems/incomplete-legal-identity',
  status: 422,
  detail: 'Complete the company identity in settings before sending an invoice',
  errors: [{ path: 'settings.company.siren', message: 'is required to issue an invoice' }],
});

/**
 * A new plumber presses "Envoyer la facture", is told the company lacks its SIREN and follows "Compléter les réglages".
 * Once saved, the settings said "Réglages enregistrés." and nothing else: the way back to the draft was the browser's.
 */
describe('completing the settings from a refused send', () => {
  it('offers the way back to the document once the company is saved, and only then', async () => {
    let current: Record<string, unknown> = { company: { name: 'Plomberie Léon' }, remindersEnabled: true, sendHour: 9, timezone: 'Europe/Paris', minGapDays: 3, language: 'fr' };
    fakeApi(({ method, path, body }) => {
      if (path === '/settings' && method === 'GET') return { status: 200, body: current };
      if (path === '/settings' && method === 'PUT') return { status: 200, body: (current = { ...current, ...(body as object) }) };
      if (path === '/scenarios') return { status: 200, body: { items: [] } };
      return undefined;
    });
    renderWithHistory(['/invoices/inv1?from=list'], [
      { path: '/invoices/:id', element: <><Page name="Facture" /><ErrorMessage error={refused} /></> },
      { path: '/settings', element: <SettingsScreen /> },
    ]);
    await userEvent.click(screen.getByRole('link', { name: 'Compléter les réglages' }));
    const siren = await screen.findByLabelText('SIREN');
    expect(screen.queryByRole('link', { name: 'Revenir au document à envoyer' })).toBeNull();
    await userEvent.type(siren, '123456782');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    const back = await screen.findByRole('link', { name: 'Revenir au document à envoyer' });
    expect(back.closest('[role="status"]')?.textContent).toContain('Réglages enregistrés.');
    await userEvent.click(back);
    await waitFor(() => expect(screen.getByText('Facture /invoices/inv1')).toBeTruthy());
  });

  it('says nothing of a document when the settings were opened from the menu', async () => {
    const current = { company: { name: 'Plomberie Léon', siren: '123456782' }, remindersEnabled: true, sendHour: 9, timezone: 'Europe/Paris', minGapDays: 3, language: 'fr' };
    fakeApi(({ path }) => {
      if (path === '/settings') return { status: 200, body: current };
      if (path === '/scenarios') return { status: 200, body: { items: [] } };
      return undefined;
    });
    renderWithHistory(['/settings'], [{ path: '/settings', element: <SettingsScreen /> }]);
    await screen.findByLabelText('SIREN');
    await userEvent.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]!);
    await screen.findByText('Réglages enregistrés.');
    expect(screen.queryByRole('link', { name: 'Revenir au document à envoyer' })).toBeNull();
  });
});
