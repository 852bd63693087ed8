import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { InvoiceActions } from './invoice-actions';

const invoice = (over: Partial<Invoice>) =>
  ({
    id: 'inv1',
    clientId: 'c1',
    number: 'F-2026-0002',
    issueDate: '2026-11-28',
    dueDate: '2026-12-28',
    currency: 'EUR',
    lines: [],
    totals: { netCents: 120_000, vatCents: 12_000, grossCents: 132_000, vatBreakdown: [] },
    creditedCents: 0,
    overdue: false,
    remindersPaused: false,
    disputed: false,
    ...over,
  }) as unknown as Invoice;

const menu = async () => {
  await userEvent.click(screen.getByRole('button', { name: /Plus d’actions/ }));
  return (await screen.findAllByRole('menuitem')).map((i) => i.textContent?.trim());
};

describe('a credit note offered only where there is a balance to credit', () => {
  it('is not offered on a paid invoice (the API refuses it: the dialog only ever answered an error), and is on a partly paid one', async () => {
    fakeApi(() => undefined);
    const paid = renderInApp(<InvoiceActions invoice={invoice({ status: 'paid', paidCents: 132_000, balanceCents: 0 })} onPaymentReceived={() => undefined} />);
    const items = await menu();
    expect(items).toContain('Dossier de preuve (PDF)');
    expect(items).not.toContain('Faire un avoir');
    paid.unmount();
    renderInApp(<InvoiceActions invoice={invoice({ status: 'partially_paid', paidCents: 32_000, balanceCents: 100_000 })} onPaymentReceived={() => undefined} />);
    expect(await menu()).toContain('Faire un avoir');
  });
});
