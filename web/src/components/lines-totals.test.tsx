import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { invoiceTotals } from '../../../shared/domain/invoice.js';
import NewInvoiceScreen from '../features/invoices/routes/new-invoice-screen';
import { fakeApi } from '../test/fake-api';
import { renderInApp } from '../test/render';
import { linesTotals } from './lines-editor';

const figure = (label: string) => {
  const totals = screen.getByTestId('lines-totals');
  const term = within(totals).getByText(label);
  return term.parentElement?.querySelector('dd')?.textContent?.replace(/[\u202f\u00a0]/g, ' ');
};

describe('the lines’ running total (HT, TVA, TTC)', () => {
  it('adds up as the lines are typed, at each line’s rate, in euros formatted by Intl', async () => {
    fakeApi(({ path }) => (path.startsWith('/clients') ? { status: 200, body: { items: [{ id: 'c1', name: 'Café du Port', kind: 'business', email: 'cafe@port.test' }] } } : undefined));
    renderInApp(<NewInvoiceScreen />);
    await screen.findByLabelText('Prix unitaire HT');
    expect(figure('Total TTC')).toBe('0,00 €');
    await userEvent.type(screen.getByLabelText('Prix unitaire HT'), '1200');
    await userEvent.selectOptions(screen.getByLabelText('TVA %'), '10');
    await waitFor(() => expect(figure('Total TTC')).toBe('1 320,00 €'));
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter une ligne' }));
    const prices = screen.getAllByLabelText('Prix unitaire HT');
    const quantities = screen.getAllByLabelText('Qté');
    await userEvent.clear(quantities[1]!);
    await userEvent.type(quantities[1]!, '1,5');
    await userEvent.type(prices[1]!, '45,50');
    await waitFor(() => expect(figure('Total HT')).toBe('1 268,25 €'));
    expect(figure('TVA')).toBe('133,65 €'); // 120 + 13,65 (20 % of 68,25)
    expect(figure('Total TTC')).toBe('1 401,90 €');
    // A price typed wrong counts nothing instead of showing NaN.
    await userEvent.type(prices[1]!, 'x');
    await waitFor(() => expect(figure('Total TTC')).toBe('1 320,00 €'));
  });

  it('rounds each line as the API does (shared/domain/invoice.ts invoiceTotals)', () => {
    const cases = [
      [{ quantity: '0,333', unitPrice: '10,01', vatRate: '5.5' }, { quantity: '3', unitPrice: '0,15', vatRate: '2.1' }, { quantity: '2,5', unitPrice: '19,99', vatRate: '20' }],
      [{ quantity: '1,125', unitPrice: '1 234,57', vatRate: '10' }, { quantity: '7', unitPrice: '0,05', vatRate: '0' }],
    ];
    for (const lines of cases) {
      const api = invoiceTotals(
        lines.map((l) => ({ description: 'x', quantity: Number(l.quantity.replace(',', '.')), unitPriceCents: Math.round(Number(l.unitPrice.replace(/\s/g, '').replace(',', '.')) * 100), vatRate: Number(l.vatRate) as 20 })),
      );
      const ours = linesTotals(lines.map((l) => ({ description: 'x', ...l })));
      expect(ours).toEqual({ netCents: api.netCents, vatCents: api.vatCents, grossCents: api.grossCents });
    }
  });
});
