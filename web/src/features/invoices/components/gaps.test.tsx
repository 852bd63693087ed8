import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/problem';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { EditInvoiceForm } from '../routes/edit-invoice-screen';
import { CreditNotes } from './credit-notes';

const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

const draft = {
  id: 'inv1',
  clientId: 'c1',
  status: 'draft',
  issueDate: '2026-11-20',
  dueDate: '2026-12-20',
  notes: 'Chantier rue des Lilas',
  lines: [{ description: 'Remplacement chauffe-eau', quantity: 1.5, unitPriceCents: 120_050, vatRate: 10 }],
} as unknown as Invoice;

describe('editing a draft invoice', () => {
  it('starts from the draft and sends the patch in the API’s shape', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    renderInApp(<EditInvoiceForm invoice={draft} onSubmit={onSubmit} />);
    expect(screen.getByLabelText('Désignation')).toHaveProperty('value', 'Remplacement chauffe-eau');
    expect(screen.getByLabelText('Prix unitaire HT')).toHaveProperty('value', '1200,50');
    const due = screen.getByLabelText('Échéance');
    await userEvent.clear(due);
    await userEvent.type(due, '2027-01-05');
    await userEvent.clear(screen.getByLabelText('Notes'));
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        issueDate: '2026-11-20',
        dueDate: '2027-01-05',
        lines: [{ description: 'Remplacement chauffe-eau', quantity: 1.5, unitPriceCents: 120_050, vatRate: 10 }],
        notes: null,
      }),
    );
  });

  it('sends the service dates when set (the day of the job, or its first and last day), and the API’s refusal shows under the field it names', async () => {
    const onSubmit = vi
      .fn()
      .mockRejectedValueOnce(new ApiError(400, { title: 'Invalid request', status: 400, errors: [{ path: 'body.serviceEndDate', message: 'must not be before serviceDate' }] }))
      .mockResolvedValue({});
    renderInApp(<EditInvoiceForm invoice={draft} onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText(/Date de la prestation/), '2026-11-10');
    await userEvent.type(screen.getByLabelText(/Dernier jour du chantier/), '2026-11-12');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ serviceDate: '2026-11-10', serviceEndDate: '2026-11-12' })));
    await waitFor(() => expect(errorOf(screen.getByLabelText(/Dernier jour du chantier/))).toBe('Ne peut pas précéder le premier jour de la prestation'));
  });

  it('refuses a due date before the invoice date, then shows the API’s error under the line it names', async () => {
    const onSubmit = vi.fn().mockRejectedValue(new ApiError(400, { title: 'Invalid request', status: 400, errors: [{ path: 'body.lines.0.unitPriceCents', message: 'must be at most 99999999999' }] }));
    renderInApp(<EditInvoiceForm invoice={draft} onSubmit={onSubmit} />);
    const due = screen.getByLabelText('Échéance');
    await userEvent.clear(due);
    await userEvent.type(due, '2026-11-01');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));
    await waitFor(() => expect(errorOf(due)).toBe('L’échéance ne peut pas précéder la date de facture.'));
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.clear(due);
    await userEvent.type(due, '2026-12-01');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));
    const price = screen.getByLabelText('Prix unitaire HT');
    await waitFor(() => expect(errorOf(price)).toBe('must be at most 99999999999'));
  });
});

describe('credit notes on the invoice', () => {
  it('lists each credit note with its PDF, and nothing when there is none', async () => {
    fakeApi(({ path }) =>
      path === '/invoices/inv1/credit-notes'
        ? {
            status: 200,
            body: {
              items: [
                { id: 'cn1', invoiceId: 'inv1', invoiceNumber: 'F-2026-0001', number: 'A-2026-0001', issueDate: '2026-11-24', reason: 'Remise commerciale', full: false, netCents: 10_000, vatCents: 2_000, grossCents: 12_000, createdAt: '2026-11-24T10:00:00.000Z' },
              ],
            },
          }
        : path === '/invoices/inv2/credit-notes'
          ? { status: 200, body: { items: [] } }
          : undefined,
    );
    const { container } = renderInApp(
      <>
        <CreditNotes invoiceId="inv1" />
        <div data-testid="second">
          <CreditNotes invoiceId="inv2" />
        </div>
      </>,
    );
    const list = await screen.findByTestId('credit-notes');
    expect(within(list).getByText('A-2026-0001')).toBeTruthy();
    expect(within(list).getByText('Remise commerciale')).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'Avoir A-2026-0001 (PDF)' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { name: 'Avoirs' })).toHaveLength(1);
    expect(screen.getByTestId('second').textContent).toBe('');
    expect(container).toBeTruthy();
  });
});
