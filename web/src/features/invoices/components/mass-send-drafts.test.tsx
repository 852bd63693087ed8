import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../../lib/i18n';
import { fakeApi, nothingToRemind } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { MassSendDialog } from './mass-send';

const TEMPLATES = { items: [{ id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr', purpose: 'reminder' }] };
const DRAFT_ID = '01M8CTVT245D09XVBRGRPNABBP';
const INVOICES = [
  { id: 'i1', number: 'F-2026-0001', clientId: 'dupont', clientName: 'Boulangerie Dupont', status: 'overdue', balanceCents: 10_000 },
  // A draft has no number yet: "Tout sélectionner" on the "Toutes" tab takes it too.
  { id: DRAFT_ID, clientId: 'glycines', clientName: 'SCI Les Glycines', status: 'draft', balanceCents: 20_000 },
] as unknown as Invoice[];

describe('the mass send with a draft in the selection', () => {
  it('names the draft as the list does ("Brouillon", its client), never by its id, in the results and the preview choice', async () => {
    fakeApi(({ method, path }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      if (path.startsWith('/clients?')) return { status: 200, body: { items: [{ id: 'dupont', name: 'Boulangerie Dupont', kind: 'business' }, { id: 'glycines', name: 'SCI Les Glycines', kind: 'business' }] } };
      if (method === 'POST' && path === '/templates/reminder/preview') return { status: 200, body: { subject: 'Relance', body: 'Bonjour,', variables: {} } };
      if (method === 'POST' && /^\/clients\/\w+\/reminders/.test(path))
        return { status: 201, body: { clientId: 'dupont', dryRun: true, subject: 'Relance', text: 'Bonjour', to: [], cc: [], bcc: [], attachments: [], notAttached: [], items: [] } };
      if (method === 'POST' && path === '/reminders/batch')
        return {
          status: 200,
          body: {
            totals: { sent: 1, skipped: 1, failed: 0 },
            items: [
              { invoiceId: 'i1', status: 'sent' },
              { invoiceId: DRAFT_ID, status: 'skipped', reason: 'draft' },
            ],
          },
        };
      return undefined;
    });
    renderInApp(<MassSendDialog invoices={INVOICES} onDone={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer la sélection' }));
    const dialog = await screen.findByRole('dialog');
    // A chosen template: one preview choice per invoice, the draft named as in the list.
    const picker = within(dialog).getByLabelText('Modèle');
    await within(picker).findByRole('option', { name: 'Relance à échéance (J+1) (FR)' });
    await userEvent.selectOptions(picker, 'reminder');
    const previewFor = within(dialog).getByLabelText('Aperçu pour');
    expect(within(previewFor).getAllByRole('option').map((o) => o.textContent)).toEqual(['F-2026-0001 — Boulangerie Dupont', 'Brouillon — SCI Les Glycines']);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Envoyer les relances' }));
    const items = await within(dialog).findByTestId('batch-items');
    const rows = within(items).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual(['F-2026-0001Envoyée', 'Brouillon — SCI Les GlycinesSautéefacture en brouillon']);
    expect(items.textContent).not.toContain(DRAFT_ID);
  });

  it('lists why nothing would go to the previewed client with the punctuation of the user’s language (no space before ";" in English)', async () => {
    const skipped = (language: string) =>
      fakeApi(({ method, path }) => {
        if (path === '/templates') return { status: 200, body: TEMPLATES };
        if (path.startsWith('/clients?')) return { status: 200, body: { items: [{ id: 'dupont', name: 'Boulangerie Dupont', kind: 'business', language }] } };
        // None can go: the preview is refused as the send would be (422 nothing-to-remind, each invoice and why).
        if (method === 'POST' && /^\/clients\/\w+\/reminders/.test(path))
          return { status: 422, body: nothingToRemind([{ invoiceId: 'i1', number: 'F-2026-0001', reason: 'paused' }, { invoiceId: 'i2', number: 'F-2026-0002', reason: 'written_off' }]) };
        return undefined;
      });
    const two = [INVOICES[0]!, { ...INVOICES[0]!, id: 'i2', number: 'F-2026-0002' }] as Invoice[];
    await setLanguage('en');
    try {
      skipped('en');
      const view = renderInApp(<MassSendDialog invoices={two} onDone={() => undefined} />);
      await userEvent.click(screen.getByRole('button', { name: 'Remind the selection' }));
      const dialog = await screen.findByRole('dialog');
      expect(await within(dialog).findByText(/F-2026-0001 — reminders paused; F-2026-0002 — written off$/)).toBeTruthy();
      view.unmount();
    } finally {
      await setLanguage('fr');
    }
    skipped('fr');
    renderInApp(<MassSendDialog invoices={two} onDone={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer la sélection' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText(/F-2026-0001 — relances suspendues ; F-2026-0002 — passée en perte$/)).toBeTruthy();
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });
});
