import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { MassSendDialog } from './mass-send';
import { plain } from '../../../test/plain';

const TEMPLATES = {
  items: [
    { id: 'firm', name: 'Relance ferme (J+8)', language: 'fr', purpose: 'reminder', tone: 'firm', kind: 'business', subject: 'Deuxième relance', body: 'Pénalités (taux {{penaltyRate}}) : {{penaltiesAmount}}' },
    { id: 'firm-consumer', name: 'Second rappel (J+8)', language: 'fr', purpose: 'reminder', tone: 'firm', kind: 'consumer', subject: 'Second rappel', body: 'Bonjour' },
  ],
};
const CLIENTS = {
  items: [
    { id: 'marie', name: 'Marie Martin', kind: 'consumer', language: 'fr' },
    { id: 'dupont', name: 'Boulangerie Dupont', kind: 'business', language: 'fr' },
  ],
};
const invoice = (id: string, number: string, clientId: string, clientName: string) =>
  ({ id, number, clientId, clientName, status: 'sent', balanceCents: 120_000, overdue: true, daysLate: 30 }) as unknown as Invoice;
const SELECTION = [invoice('inv1', 'F-2026-0002', 'marie', 'Marie Martin'), invoice('inv2', 'F-2026-0004', 'dupont', 'Boulangerie Dupont')];

describe('the mass send with a template citing penalties and a consumer in the selection', () => {
  it('says under the choice that the consumer gets nothing, and previews no message that never goes (it showed the firm text with its penalty lines empty, then skipped her)', async () => {
    const calls = fakeApi(({ method, path }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      if (path.startsWith('/clients?')) return { status: 200, body: CLIENTS };
      if (method === 'POST' && path === '/templates/firm/preview') return { status: 200, body: { subject: 'Deuxième relance : facture F-2026-0004', body: 'Pénalités…', variables: {} } };
      if (method === 'POST' && path.startsWith('/clients/')) return { status: 201, body: { dryRun: true, subject: 'Relance', text: 'Bonjour', to: [], cc: [], bcc: [], attachments: [], notAttached: [], items: [] } };
      return undefined;
    });
    renderInApp(<MassSendDialog invoices={SELECTION} onDone={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer la sélection' }));
    const dialog = await screen.findByRole('dialog');
    const picker = within(dialog).getByLabelText('Modèle');
    await within(picker).findByRole('option', { name: 'Relance ferme (J+8) (FR)' });
    expect(within(dialog).queryByText(/ne recevra rien/)).toBeNull();
    await userEvent.selectOptions(picker, 'firm');
    const said = await within(dialog).findByText(
      'Ce modèle cite des pénalités ou l’indemnité de 40 €, interdites envers un particulier : Marie Martin ne recevra rien (sauté). Pour le relancer, choisissez un modèle pour particuliers ou celui de l’étape prévue.',
    );
    expect(picker.getAttribute('aria-describedby')?.split(' ')).toContain(said.id);
    expect(plain(within(dialog).getByTestId('mass-preview-consumer-refused').textContent)).toBe('Rien ne part à ce client avec ce modèle : c’est un particulier.');
    expect(calls.some((c) => c.path === '/templates/firm/preview')).toBe(false);
    // The professional's preview is still there to read.
    await userEvent.selectOptions(within(dialog).getByLabelText('Aperçu pour'), 'inv2');
    await waitFor(() => expect(within(dialog).getByText('Deuxième relance : facture F-2026-0004')).toBeTruthy());
    expect(within(dialog).queryByTestId('mass-preview-consumer-refused')).toBeNull();
    // A template for consumers: nothing to say.
    await userEvent.selectOptions(picker, 'firm-consumer');
    await waitFor(() => expect(within(dialog).queryByText(/ne recevra rien/)).toBeNull());
  });
});
