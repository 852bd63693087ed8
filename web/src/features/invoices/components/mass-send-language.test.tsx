import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { MassSendDialog } from './mass-send';

const TEMPLATES = {
  items: [
    { id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr', purpose: 'reminder' },
    { id: 'reminder-en', name: 'Reminder at due date (D+1)', language: 'en', purpose: 'reminder' },
  ],
};
const invoice = { id: 'inv1', number: 'F-2026-0004', clientId: 'smith', clientName: 'John Smith Ltd', status: 'sent', balanceCents: 1_181_400 } as unknown as Invoice;

describe('the mass send’s preview', () => {
  it('previews a chosen French template on an English client’s invoice as it goes: in its English variant', async () => {
    const calls = fakeApi(({ method, path }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      if (path.startsWith('/clients?')) return { status: 200, body: { items: [{ id: 'smith', name: 'John Smith Ltd', kind: 'business', language: 'en' }] } };
      if (method === 'POST' && path === '/templates/reminder-en/preview') return { status: 200, body: { subject: 'Reminder: invoice F-2026-0004', body: 'Hello John Smith Ltd,', variables: {} } };
      if (method === 'POST' && path === '/templates/reminder/preview') return { status: 200, body: { subject: 'Relance : facture F-2026-0004', body: 'Bonjour John Smith Ltd,', variables: {} } };
      if (method === 'POST' && path.startsWith('/clients/smith/reminders')) return { status: 201, body: { clientId: 'smith', dryRun: true, subject: '', text: '', to: [], cc: [], bcc: [], attachments: [], notAttached: [], items: [] } };
      return undefined;
    });
    renderInApp(<MassSendDialog invoices={[invoice]} onDone={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer la sélection' }));
    const dialog = await screen.findByRole('dialog');
    const picker = within(dialog).getByLabelText('Modèle');
    await within(picker).findByRole('option', { name: 'Relance à échéance (J+1) (FR)' });
    await userEvent.selectOptions(picker, 'reminder');
    await waitFor(() => expect(within(dialog).getByText('Reminder: invoice F-2026-0004')).toBeTruthy());
    expect(calls.some((c) => c.path === '/templates/reminder/preview')).toBe(false);
  });
});
