import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { MassSendDialog } from './mass-send';

const TEMPLATES = { items: [{ id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr', purpose: 'reminder' }] };
const inv = (id: string, number: string, clientId: string, clientName: string) =>
  ({ id, number, clientId, clientName, status: 'overdue', balanceCents: 10_000 }) as unknown as Invoice;
const INVOICES = [inv('i1', 'F-2026-0001', 'dupont', 'Boulangerie Dupont'), inv('i2', 'F-2026-0002', 'dupont', 'Boulangerie Dupont'), inv('i3', 'F-2026-0003', 'cafe', 'Café du Port')];

describe('the mass send’s preview of another client', () => {
  it('previews the grouped message to any selected client, with a chosen template too; a client with one invoice gets the template on that invoice', async () => {
    const calls = fakeApi(({ method, path, body }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      if (path.startsWith('/clients?')) return { status: 200, body: { items: [{ id: 'dupont', name: 'Boulangerie Dupont', kind: 'business' }, { id: 'cafe', name: 'Café du Port', kind: 'business' }] } };
      const grouped = /^\/clients\/(\w+)\/reminders/.exec(path);
      if (method === 'POST' && grouped) {
        const { invoiceIds: ids, templateId } = body as { invoiceIds: string[]; templateId?: string };
        const subject = `Relance ${grouped[1]} (${ids.join(', ')})${templateId ? ` avec ${templateId}` : ''}`;
        return { status: 201, body: { clientId: grouped[1], dryRun: true, subject, text: `Bonjour ${grouped[1]}`, to: [], cc: [], bcc: [], attachments: [], notAttached: [], items: [] } };
      }
      if (method === 'POST' && path === '/templates/reminder/preview') {
        const id = (body as { invoiceId: string }).invoiceId;
        return { status: 200, body: { subject: `Relance : facture ${id}`, body: 'Bonjour,', variables: {} } };
      }
      return undefined;
    });
    renderInApp(<MassSendDialog invoices={INVOICES} onDone={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer la sélection' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByTestId('mass-preview-subject')).toHaveProperty('textContent', 'Relance dupont (i1, i2)');
    // One choice per client for the step templates' grouped messages.
    const previewFor = within(dialog).getByLabelText('Aperçu pour');
    expect(within(previewFor).getAllByRole('option').map((o) => o.textContent)).toEqual(['Boulangerie Dupont', 'Café du Port']);
    await userEvent.selectOptions(previewFor, 'Café du Port');
    await waitFor(() => expect(within(dialog).getByTestId('mass-preview-subject').textContent).toBe('Relance cafe (i3)'));
    expect(within(dialog).getByRole('heading', { name: 'Aperçu du message à Café du Port' })).toBeTruthy();
    // A chosen template: still one choice per client (each gets one message); a client with one invoice is named by it.
    const picker = within(dialog).getByLabelText('Modèle');
    await within(picker).findByRole('option', { name: 'Relance à échéance (J+1) (FR)' });
    await userEvent.selectOptions(picker, 'reminder');
    const byClient = within(dialog).getByLabelText('Aperçu pour');
    expect(within(byClient).getAllByRole('option').map((o) => o.textContent)).toEqual(['Boulangerie Dupont', 'F-2026-0003 — Café du Port']);
    // Café du Port has one invoice: the template's own text on it, as before.
    await waitFor(() => expect(within(dialog).getByText('Relance : facture i3')).toBeTruthy());
    expect(within(dialog).getByRole('heading', { name: 'Aperçu sur F-2026-0003' })).toBeTruthy();
    // Boulangerie Dupont has two: the grouped message the batch sends it, with the chosen template (not one invoice's text).
    await userEvent.selectOptions(byClient, 'Boulangerie Dupont');
    await waitFor(() => expect(within(dialog).getByTestId('mass-preview-subject').textContent).toBe('Relance dupont (i1, i2) avec reminder'));
    expect(within(dialog).getByRole('heading', { name: 'Aperçu du message à Boulangerie Dupont' })).toBeTruthy();
    expect(calls.some((c) => c.path.startsWith('/clients/dupont/reminders') && (c.body as { templateId?: string }).templateId === 'reminder')).toBe(true);
    expect(calls.some((c) => c.path === '/templates/reminder/preview' && ['i1', 'i2'].includes((c.body as { invoiceId: string }).invoiceId))).toBe(false);
  });

  it('previews the 40 most overdue invoices of a client with more, as the batch keeps them, whatever the order of the selection', async () => {
    let asked: string[] = [];
    fakeApi(({ method, path, body }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      if (path.startsWith('/clients?')) return { status: 200, body: { items: [{ id: 'dupont', name: 'Boulangerie Dupont', kind: 'business' }] } };
      if (method === 'POST' && path.startsWith('/clients/dupont/reminders')) {
        asked = (body as { invoiceIds: string[] }).invoiceIds;
        return { status: 201, body: { clientId: 'dupont', dryRun: true, subject: 'Relance dupont', text: 'Bonjour', to: [], cc: [], bcc: [], attachments: [], notAttached: [], items: [] } };
      }
      return undefined;
    });
    // 45 invoices selected newest first (a list sorted by amount, say): the 5 newest are the ones left out.
    const many = Array.from({ length: 45 }, (_, k) => ({ ...inv(`n${k}`, `F-2026-${String(k).padStart(4, '0')}`, 'dupont', 'Boulangerie Dupont'), dueDate: `2026-10-${String(k % 30 + 1).padStart(2, '0')}` }) as Invoice).reverse();
    renderInApp(<MassSendDialog invoices={many} onDone={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer la sélection' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByTestId('mass-preview-subject')).toHaveProperty('textContent', 'Relance dupont');
    expect(asked).toHaveLength(40);
    const byDue = [...many].sort((a, b) => a.dueDate.localeCompare(b.dueDate)).slice(0, 40).map((i) => i.id);
    expect([...asked].sort()).toEqual([...byDue].sort());
  });
});
