import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { CreditNotes } from './credit-notes';
import { InvoiceActions } from './invoice-actions';
import { plain } from '../../../test/plain';

const invoice = {
  id: 'inv1',
  clientId: 'c1',
  number: 'F-2026-0004',
  status: 'sent',
  issueDate: '2026-11-01',
  dueDate: '2026-12-01',
  currency: 'EUR',
  lines: [],
  totals: { netCents: 100_000, vatCents: 20_000, grossCents: 120_000, vatBreakdown: [] },
  paidCents: 0,
  creditedCents: 0,
  balanceCents: 120_000,
  overdue: false,
  daysLate: 0,
  remindersPaused: false,
  disputed: false,
} as unknown as Invoice;

const answer = (emailStatus: 'sent' | 'failed') => ({ status: 201, body: { creditNote: { id: 'cn1', number: 'A-2026-0007' }, invoice, emailStatus } });

// The API issues a credit note even when SES refuses its email (it is numbered): the answer's `emailStatus` says so,
// and the invoice's page must say it too, not only the timeline.
describe('a credit note whose email failed', () => {
  it('says so after a write-off, naming the credit note', async () => {
    fakeApi(({ method, path }) => (method === 'POST' && path === '/invoices/inv1/write-off' ? answer('failed') : undefined));
    renderInApp(<InvoiceActions invoice={{ ...invoice, status: 'litigation' } as unknown as Invoice} onPaymentReceived={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: /Plus d’actions/ }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Passer en perte' }));
    // The owner knows beforehand what goes out: a credit note of the whole balance, emailed to the client.
    expect(plain((await screen.findByRole('dialog')).textContent)).toContain('Émet un avoir de 1 200,00 € (le reste dû), envoyé au client par e-mail');
    await userEvent.type(await screen.findByLabelText(/Motif/), 'Liquidation judiciaire');
    await userEvent.click(screen.getByRole('button', { name: 'Passer en perte' }));
    const alert = await screen.findByTestId('credit-note-email-failed');
    expect(alert.textContent).toContain('L’avoir A-2026-0007 est émis, mais son envoi au client par e-mail a échoué');
  });

  it('says so after a credit note from the menu, and says nothing when the email left', async () => {
    let status: 'sent' | 'failed' = 'sent';
    fakeApi(({ method, path }) => (method === 'POST' && path === '/invoices/inv1/credit-notes' ? answer(status) : undefined));
    renderInApp(<InvoiceActions invoice={invoice} onPaymentReceived={() => undefined} />);
    const issue = async () => {
      await userEvent.click(screen.getByRole('button', { name: /Plus d’actions/ }));
      await userEvent.click(await screen.findByRole('menuitem', { name: 'Faire un avoir' }));
      await userEvent.type(await screen.findByLabelText('Motif'), 'Remise');
      await userEvent.click(screen.getByRole('button', { name: 'Faire un avoir' }));
      await waitFor(() => expect(screen.queryByLabelText('Motif')).toBeNull());
    };
    await issue();
    expect(screen.queryByTestId('credit-note-email-failed')).toBeNull();
    status = 'failed';
    await issue();
    expect((await screen.findByTestId('credit-note-email-failed')).textContent).toContain('A-2026-0007');
  });

  it('stops saying so once the credit note is sent again from the list', async () => {
    let listed: 'failed' | 'sent' = 'failed';
    const note = () => ({ id: 'cn1', invoiceId: 'inv1', invoiceNumber: 'F-2026-0004', invoiceIssueDate: '2026-11-01', number: 'A-2026-0007', issueDate: '2026-11-20', reason: 'Liquidation judiciaire', full: true, netCents: 1, vatCents: 0, grossCents: 1, vatBreakdown: [], createdAt: '2026-11-20T10:00:00.000Z', emailStatus: listed });
    fakeApi(({ method, path }) => {
      if (method === 'POST' && path === '/invoices/inv1/write-off') return answer('failed');
      if (method === 'GET' && path === '/invoices/inv1/credit-notes') return { status: 200, body: { items: [note()] } };
      if (method === 'POST' && path === '/invoices/inv1/credit-notes/cn1/send') return (listed = 'sent'), { status: 200, body: { creditNote: note(), invoice, emailStatus: 'sent' } };
      return undefined;
    });
    renderInApp(
      <>
        <InvoiceActions invoice={{ ...invoice, status: 'litigation' } as unknown as Invoice} onPaymentReceived={() => undefined} />
        <CreditNotes invoiceId="inv1" />
      </>,
    );
    await userEvent.click(screen.getByRole('button', { name: /Plus d’actions/ }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Passer en perte' }));
    await userEvent.type(await screen.findByLabelText(/Motif/), 'Liquidation judiciaire');
    await userEvent.click(screen.getByRole('button', { name: 'Passer en perte' }));
    expect((await screen.findByTestId('credit-note-email-failed')).textContent).toContain('Renvoyez-le depuis Avoirs');
    await userEvent.click(await screen.findByRole('button', { name: 'Renvoyer l’avoir A-2026-0007 au client' }));
    await screen.findByTestId('credit-note-sent-again');
    await waitFor(() => expect(screen.queryByTestId('credit-note-email-failed')).toBeNull());
  });
});
