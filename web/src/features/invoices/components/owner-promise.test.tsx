import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { InvoiceActions } from './invoice-actions';

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

describe('a payment promise noted by the owner', () => {
  it('posts the promised date and the note from the invoice menu, and shows the API’s refusal under the date', async () => {
    let attempt = 0;
    const calls = fakeApi(({ method, path }) => {
      if (method !== 'POST' || path !== '/invoices/inv1/promise') return undefined;
      attempt++;
      return attempt === 1
        ? { status: 422, body: { type: 'about:blank', title: 'Unprocessable', status: 422, detail: 'The promised date is out of range', errors: [{ path: 'body.date', message: 'must be within 60 days (2027-01-26 at the latest)' }] } }
        : { status: 200, body: { ...invoice, remindersPaused: true, pausedUntil: '2026-12-11', promisedFor: '2026-12-10' } };
    });
    renderInApp(<InvoiceActions invoice={invoice} onPaymentReceived={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: /Plus d’actions/ }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Noter une promesse de paiement' }));
    const date = await screen.findByLabelText(/Date de paiement promise/);
    fireEvent.change(date, { target: { value: '2027-03-01' } });
    await userEvent.type(screen.getByLabelText(/Note/), 'Appel du 27/11');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer la promesse' }));
    expect(await screen.findByText(/60/)).toBeTruthy();
    fireEvent.change(date, { target: { value: '2026-12-10' } });
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer la promesse' }));
    await waitFor(() => expect(calls.filter((c) => c.path === '/invoices/inv1/promise').map((c) => c.body)).toEqual([
      { date: '2027-03-01', note: 'Appel du 27/11' },
      { date: '2026-12-10', note: 'Appel du 27/11' },
    ]));
  });

  it('is not offered while a payment plan runs (its instalments are the agreed dates), and is again once it ended', async () => {
    fakeApi(() => undefined);
    const plan = { seq: 1, createdAt: '2026-11-27T10:00:00.000Z', instalments: [] };
    const { unmount } = renderInApp(<InvoiceActions invoice={{ ...invoice, paymentPlan: { ...plan, status: 'active' } } as unknown as Invoice} onPaymentReceived={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: /Plus d’actions/ }));
    expect(await screen.findByRole('menuitem', { name: /Suspendre/ })).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: 'Noter une promesse de paiement' })).toBeNull();
    unmount();
    renderInApp(<InvoiceActions invoice={{ ...invoice, paymentPlan: { ...plan, status: 'ended', endReason: 'deleted' } } as unknown as Invoice} onPaymentReceived={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: /Plus d’actions/ }));
    expect(await screen.findByRole('menuitem', { name: 'Noter une promesse de paiement' })).toBeTruthy();
  });
});
