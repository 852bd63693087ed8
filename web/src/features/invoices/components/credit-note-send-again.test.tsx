import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import { CreditNotes } from './credit-notes';

const note = (over: Record<string, unknown>) => ({
  id: 'cn1',
  invoiceId: 'inv1',
  invoiceNumber: 'F-2026-0004',
  invoiceIssueDate: '2026-11-01',
  number: 'A-2026-0007',
  issueDate: '2026-11-20',
  reason: 'Liquidation judiciaire',
  full: true,
  netCents: 100_000,
  vatCents: 20_000,
  grossCents: 120_000,
  vatBreakdown: [],
  createdAt: '2026-11-20T10:00:00.000Z',
  ...over,
});

// A credit note whose email SES refused is issued all the same: the list says so and offers to send it again
// (POST /invoices/{id}/credit-notes/{creditNoteId}/send); the owner had to download it and email it himself.
describe('a credit note whose email failed, in the invoice’s credit notes', () => {
  it('says so, sends it again on a tap, and then shows it sent', async () => {
    let status: 'failed' | 'sent' = 'failed';
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/invoices/inv1/credit-notes') return { status: 200, body: { items: [note({ id: 'cn0', number: 'A-2026-0006', emailStatus: 'sent' }), note({ emailStatus: status })] } };
      if (method === 'POST' && path === '/invoices/inv1/credit-notes/cn1/send') {
        status = 'sent';
        return { status: 200, body: { creditNote: note({ emailStatus: 'sent' }), invoice: { id: 'inv1' }, emailStatus: 'sent' } };
      }
      return undefined;
    });
    renderInApp(<CreditNotes invoiceId="inv1" />);
    const list = await screen.findByTestId('credit-notes');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    // Only the one that did not leave: a badge and its button.
    expect(within(list).getAllByText('E-mail non parti')).toHaveLength(1);
    const again = within(list).getByRole('button', { name: 'Renvoyer l’avoir A-2026-0007 au client' });
    expect(again.textContent).toBe('Renvoyer l’avoir');
    expect(within(list).queryByRole('button', { name: /A-2026-0006 au client/ })).toBeNull();
    await userEvent.click(again);
    expect((await screen.findByTestId('credit-note-sent-again')).textContent).toBe('Avoir A-2026-0007 renvoyé au client par e-mail.');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/invoices/inv1/credit-notes/cn1/send']);
    await waitFor(() => expect(within(list).queryByText('E-mail non parti')).toBeNull());
    expect(within(list).queryByRole('button', { name: /Renvoyer/ })).toBeNull();
  });

  it('says when it failed again', async () => {
    fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/invoices/inv1/credit-notes') return { status: 200, body: { items: [note({ emailStatus: 'failed' })] } };
      if (method === 'POST' && path === '/invoices/inv1/credit-notes/cn1/send') return { status: 200, body: { creditNote: note({ emailStatus: 'failed' }), invoice: { id: 'inv1' }, emailStatus: 'failed' } };
      return undefined;
    });
    renderInApp(<CreditNotes invoiceId="inv1" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Renvoyer l’avoir A-2026-0007 au client' }));
    expect((await screen.findByTestId('credit-note-still-failing')).textContent).toContain('L’envoi de l’avoir A-2026-0007 a encore échoué');
    expect(screen.getByRole('button', { name: 'Renvoyer l’avoir A-2026-0007 au client' })).toBeTruthy();
  });

  it('offers nothing on a credit note whose email left, or recorded before its status was', async () => {
    fakeApi(({ method, path }) => (method === 'GET' && path === '/invoices/inv1/credit-notes' ? { status: 200, body: { items: [note({ emailStatus: 'sent' }), note({ id: 'cn2', number: 'A-2026-0008' })] } } : undefined));
    renderInApp(<CreditNotes invoiceId="inv1" />);
    const list = await screen.findByTestId('credit-notes');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).queryByRole('button', { name: /Renvoyer/ })).toBeNull();
    expect(within(list).queryByText('E-mail non parti')).toBeNull();
  });
});
