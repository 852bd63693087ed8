import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { InvoiceTable } from './invoice-table';

const invoice = (over: Partial<Invoice>): Invoice => ({
  id: 'inv1',
  clientId: 'c1',
  number: 'F-2026-0007',
  issueDate: '2026-10-01',
  dueDate: '2026-10-31',
  lines: [],
  currency: 'EUR',
  totals: { netCents: 100000, vatCents: 20000, grossCents: 120000, vatBreakdown: [] },
  paidCents: 20000,
  creditedCents: 0,
  balanceCents: 100000,
  status: 'partially_paid',
  overdue: false,
  daysLate: 0,
  remindersPaused: false,
  disputed: false,
  createdAt: '2026-10-01T08:00:00Z',
  updatedAt: '2026-10-01T08:00:00Z',
  ...over,
});
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('follow-up table', () => {
  it('shows number, client name, due date, gross and balance in euros, status', () => {
    renderInApp(<InvoiceTable invoices={[invoice({})]} clientNames={new Map([['c1', 'Boulangerie Dupont']])} />);
    const row = screen.getAllByRole('row')[1]!;
    const cells = within(row).getAllByRole('cell').map((c) => plain(c.textContent));
    expect(cells).toEqual(['F-2026-0007', 'Boulangerie Dupont', '31 oct. 2026', '1 200,00 €', '1 000,00 €', 'Partiellement payée']);
    expect(within(row).getByRole('link', { name: 'F-2026-0007' }).getAttribute('href')).toBe('/invoices/inv1');
  });

  it('shows no balance for a draft cancelled before it was sent: it owes nothing', () => {
    renderInApp(<InvoiceTable invoices={[invoice({ number: undefined, status: 'cancelled', paidCents: 0, balanceCents: 120000 })]} clientNames={new Map([['c1', 'Boulangerie Dupont']])} />);
    const cells = within(screen.getAllByRole('row')[1]!).getAllByRole('cell').map((c) => plain(c.textContent));
    expect(cells).toEqual(['Brouillon', 'Boulangerie Dupont', '31 oct. 2026', '1 200,00 €', '—', 'Annulée']);
  });

  it('marks an overdue invoice with its days late, and a draft by its state', () => {
    renderInApp(
      <InvoiceTable
        invoices={[invoice({ id: 'a', overdue: true, daysLate: 12, status: 'sent' }), invoice({ id: 'b', number: undefined, status: 'draft' })]}
        clientNames={new Map()}
      />,
    );
    const [, late, draft] = screen.getAllByRole('row');
    expect(plain(late!.textContent)).toContain('12 j de retard');
    expect(within(late!).getByText('En retard')).toBeTruthy();
    expect(within(draft!).getByRole('link', { name: 'Brouillon' }).getAttribute('href')).toBe('/invoices/b');
  });

  it('says on the row that reminders are paused or the invoice disputed (why no reminder is planned)', () => {
    renderInApp(
      <InvoiceTable
        invoices={[invoice({ id: 'p', status: 'sent', overdue: true, daysLate: 5, remindersPaused: true }), invoice({ id: 'd', status: 'sent', disputed: true }), invoice({ id: 'n', status: 'sent' })]}
        clientNames={new Map()}
      />,
    );
    const [, paused, disputed, plainRow] = screen.getAllByRole('row');
    const status = (row: HTMLElement) => [...row.querySelectorAll('td[data-label="Statut"] .badge')].map((b) => b.textContent);
    expect(status(paused!)).toEqual(['En retard', 'Relances suspendues']);
    expect(status(disputed!)).toEqual(['Envoyée', 'En litige']);
    expect(status(plainRow!)).toEqual(['Envoyée']);
  });
});
