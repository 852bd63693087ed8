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
    { id: 'courtesy', name: 'Pré-relance courtoise (J-5)', language: 'fr', purpose: 'reminder', tone: 'courtesy' },
    { id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr', purpose: 'reminder', tone: 'reminder' },
    { id: 'firm', name: 'Relance ferme (J+8)', language: 'fr', purpose: 'reminder', tone: 'firm' },
  ],
};
const invoice = (overdue: boolean) =>
  ({ id: 'inv1', number: 'F-2026-0004', clientId: 'dupont', clientName: 'Boulangerie Dupont', status: 'sent', balanceCents: 120_000, overdue, daysLate: overdue ? 3 : 0 }) as unknown as Invoice;
const api = () =>
  fakeApi(({ method, path }) => {
    if (path === '/templates') return { status: 200, body: TEMPLATES };
    if (path.startsWith('/clients?')) return { status: 200, body: { items: [{ id: 'dupont', name: 'Boulangerie Dupont', kind: 'business', language: 'fr' }] } };
    if (method === 'POST' && path === '/templates/courtesy/preview') return { status: 200, body: { subject: 'Facture F-2026-0004 : échéance le 30/11/2026', body: 'Pour mémoire…', variables: {} } };
    if (method === 'POST' && path === '/templates/reminder/preview') return { status: 200, body: { subject: 'Relance : facture F-2026-0004 échue le 24/11/2026', body: 'Sauf erreur de notre part…', variables: {} } };
    if (method === 'POST' && path === '/templates/firm/preview') return { status: 200, body: { subject: 'Deuxième relance : facture F-2026-0004 impayée depuis 0 jours', body: 'Malgré notre précédente relance…', variables: {} } };
    if (method === 'POST' && path.startsWith('/clients/dupont/reminders')) return { status: 201, body: { clientId: 'dupont', dryRun: true, subject: '', text: '', to: [], cc: [], bcc: [], attachments: [], notAttached: [], items: [] } };
    return undefined;
  });
const chooseFirm = async (inv: Invoice) => {
  renderInApp(<MassSendDialog invoices={[inv]} onDone={() => undefined} />);
  await userEvent.click(screen.getByRole('button', { name: 'Relancer la sélection' }));
  const dialog = await screen.findByRole('dialog');
  const picker = within(dialog).getByLabelText('Modèle');
  await within(picker).findByRole('option', { name: 'Relance ferme (J+8) (FR)' });
  await userEvent.selectOptions(picker, 'firm');
  return dialog;
};

describe('the mass send’s preview with a firmer template chosen', () => {
  it('before the due date: previews the courtesy message the batch sends instead, and says so (it showed "impayée depuis 0 jours")', async () => {
    const calls = api();
    const dialog = await chooseFirm(invoice(false));
    await waitFor(() => expect(within(dialog).getByText('Facture F-2026-0004 : échéance le 30/11/2026')).toBeTruthy());
    expect(plain(within(dialog).getByTestId('mass-courtesy-instead').textContent)).toBe(
      'Pas encore échue : c’est « Pré-relance courtoise (J-5) (FR) » qui part, jamais une relance d’impayé avant l’échéance.',
    );
    expect(calls.some((c) => c.path === '/templates/firm/preview')).toBe(false);
  });

  it('once overdue: previews the chosen template, without a word', async () => {
    api();
    const dialog = await chooseFirm(invoice(true));
    await waitFor(() => expect(within(dialog).getByText('Deuxième relance : facture F-2026-0004 impayée depuis 0 jours')).toBeTruthy());
    expect(within(dialog).queryByTestId('mass-courtesy-instead')).toBeNull();
  });

  it('a client with several invoices, none overdue: previews its grouped message with the chosen template (the API sends the courtesy one), and says so', async () => {
    const calls = fakeApi(({ method, path, body }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      if (path.startsWith('/clients?')) return { status: 200, body: { items: [{ id: 'dupont', name: 'Boulangerie Dupont', kind: 'business', language: 'fr' }] } };
      if (method === 'POST' && path.startsWith('/clients/dupont/reminders')) {
        const { invoiceIds, templateId } = body as { invoiceIds: string[]; templateId?: string };
        return { status: 201, body: { clientId: 'dupont', dryRun: true, subject: `Factures ${invoiceIds.join(' et ')} : échéance proche (${templateId})`, text: 'Pour mémoire…', to: [], cc: [], bcc: [], attachments: [], notAttached: [], items: [] } };
      }
      return undefined;
    });
    const second = { ...invoice(false), id: 'inv2', number: 'F-2026-0005' } as Invoice;
    renderInApp(<MassSendDialog invoices={[invoice(false), second]} onDone={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer la sélection' }));
    const dialog = await screen.findByRole('dialog');
    const picker = within(dialog).getByLabelText('Modèle');
    await within(picker).findByRole('option', { name: 'Relance ferme (J+8) (FR)' });
    await userEvent.selectOptions(picker, 'firm');
    await waitFor(() => expect(within(dialog).getByTestId('mass-preview-subject').textContent).toBe('Factures inv1 et inv2 : échéance proche (firm)'));
    expect(within(dialog).getByTestId('mass-courtesy-instead')).toBeTruthy();
    expect(calls.some((c) => c.path.includes('/preview'))).toBe(false);
  });

  it('once overdue, with the courtesy template chosen: previews the first overdue reminder the batch sends instead (it previewed "échéance le" a past date)', async () => {
    const calls = api();
    renderInApp(<MassSendDialog invoices={[invoice(true)]} onDone={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer la sélection' }));
    const dialog = await screen.findByRole('dialog');
    const picker = within(dialog).getByLabelText('Modèle');
    await within(picker).findByRole('option', { name: 'Pré-relance courtoise (J-5) (FR)' });
    await userEvent.selectOptions(picker, 'courtesy');
    await waitFor(() => expect(within(dialog).getByText('Relance : facture F-2026-0004 échue le 24/11/2026')).toBeTruthy());
    expect(calls.some((c) => c.path === '/templates/courtesy/preview')).toBe(false);
  });
});
