import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import InvoiceScreen from './invoice-screen';

/** A final invoice of a job: 4,800.00 € with a 1,440.00 € deposit deducted and a 100.00 € credit note. */
const finalInvoice = {
  id: 'fin1',
  clientId: 'c1',
  kind: 'final',
  number: 'F-2026-0007',
  quoteId: 'q1',
  quoteNumber: 'D-2026-0001',
  status: 'draft',
  issueDate: '2026-11-26',
  dueDate: '2026-12-26',
  currency: 'EUR',
  lines: [{ description: 'Rénovation salle de bain', quantity: 1, unitPriceCents: 400_000, vatRate: 20 }],
  totals: { netCents: 400_000, vatCents: 80_000, grossCents: 480_000, vatBreakdown: [] },
  deductedCents: 144_000,
  deductions: [{ invoiceId: 'dep1', number: 'F-2026-0006', issueDate: '2026-11-20', netCents: 120_000, vatCents: 24_000, grossCents: 144_000 }],
  paidCents: 0,
  creditedCents: 10_000,
  balanceCents: 326_000,
  overdue: false,
  daysLate: 0,
  remindersPaused: false,
  disputed: false,
};

const renderInvoice = (id: string) =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[`/invoices/${id}`]}>
        <Routes>
          <Route path="/invoices/:id" element={<InvoiceScreen />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('an invoice’s summary', () => {
  it('shows what comes off the total besides payments, so that the figures add up: the deposits deducted (each linked) and the credit notes', async () => {
    fakeApi(({ path }) => {
      if (path === '/invoices/fin1') return { status: 200, body: finalInvoice };
      if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Marie Martin' }] } };
      return undefined;
    });
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/invoices/fin1']}>
          <Routes>
            <Route path="/invoices/:id" element={<InvoiceScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(plain((await screen.findByTestId('deducted')).textContent)).toBe('1 440,00 €');
    expect(plain(screen.getByTestId('credited').textContent)).toBe('100,00 €');
    expect(plain(screen.getByTestId('balance').textContent)).toBe('3 260,00 €');
    const summary = screen.getByTestId('deducted').closest('dl')!;
    expect([...summary.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual(['Total TTC', 'Acomptes déduits', 'Avoirs', 'Payé', 'Reste dû', 'Échéance']);
    const deposit = screen.getByRole('link', { name: 'Acompte F-2026-0006 du 20 nov. 2026' });
    expect(deposit.getAttribute('href')).toBe('/invoices/dep1');
  });

  it('records a payment on an invoice in litigation (money still comes in): "Paiement reçu" and its form are there', async () => {
    const inLitigation = { ...finalInvoice, id: 'lit1', kind: 'standard', status: 'litigation', overdue: true, daysLate: 86, deductedCents: 0, deductions: [], creditedCents: 0, balanceCents: 480_000 };
    fakeApi(({ path }) => {
      if (path === '/invoices/lit1') return { status: 200, body: inLitigation };
      if (path === '/invoices/lit1/payments') return { status: 200, body: { items: [] } };
      if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Marie Martin' }] } };
      return undefined;
    });
    renderInvoice('lit1');
    expect(await screen.findByRole('button', { name: 'Paiement reçu' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Enregistrer un paiement' })).toBeTruthy();
    expect(screen.getByLabelText('Montant (€)')).toBeTruthy();
  });
});

describe('an invoice’s lines', () => {
  it('writes a decimal quantity the French way (1,5), not as the API sends it (1.5)', async () => {
    const withHalf = { ...finalInvoice, id: 'half1', kind: 'standard', deductedCents: 0, deductions: [], creditedCents: 0,
      lines: [{ description: 'Main-d’œuvre (heures)', quantity: 1.5, unitPriceCents: 4_000, vatRate: 20 }] };
    fakeApi(({ path }) => {
      if (path === '/invoices/half1') return { status: 200, body: withHalf };
      if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Marie Martin' }] } };
      return undefined;
    });
    renderInvoice('half1');
    const cell = await screen.findByRole('cell', { name: '1,5' });
    expect(cell.getAttribute('data-label')).toBe('Qté');
    expect(screen.queryByRole('cell', { name: '1.5' })).toBeNull();
  });
});

describe('an invoice without VAT', () => {
  it('says why under its totals (the reason its PDF prints), and says nothing when VAT is charged', async () => {
    const reverseCharge = { ...finalInvoice, id: 'rc1', kind: 'standard', deductedCents: 0, deductions: [], creditedCents: 0, vatExemption: 'construction_subcontracting',
      lines: [{ description: 'Pose de cloisons (sous-traitance)', quantity: 1, unitPriceCents: 250_000, vatRate: 0 }],
      totals: { netCents: 250_000, vatCents: 0, grossCents: 250_000, vatBreakdown: [] }, balanceCents: 250_000 };
    fakeApi(({ path }) => {
      if (path === '/invoices/rc1') return { status: 200, body: reverseCharge };
      if (path === '/invoices/vat1') return { status: 200, body: { ...reverseCharge, id: 'vat1', vatExemption: undefined } };
      if (path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Marie Martin' }] } };
      return undefined;
    });
    const first = renderInvoice('rc1');
    expect(plain((await screen.findByTestId('vat-exemption')).textContent)).toBe('TVA non facturée : Autoliquidation : sous-traitance de travaux de construction');
    first.unmount();
    renderInvoice('vat1');
    await screen.findByRole('cell', { name: 'Pose de cloisons (sous-traitance)' });
    expect(screen.queryByTestId('vat-exemption')).toBeNull();
  });
});
