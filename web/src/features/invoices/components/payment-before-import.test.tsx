import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../../lib/i18n';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import { Payments } from './payments';

/** An imported invoice's "already paid" is a payment the import stored with a French reference: said in the user's language. */
describe('the payment an import brought in', () => {
  const items = [
    { id: 'imp-pay-abc', invoiceId: 'inv1', amountCents: 10_000, date: '2026-11-26', method: 'other', reference: 'Réglé avant import', createdAt: '2026-11-26T10:00:00.000Z' },
    { id: 'p2', invoiceId: 'inv1', amountCents: 5_000, date: '2026-11-27', method: 'transfer', reference: 'Réglé avant import', createdAt: '2026-11-27T10:00:00.000Z' },
  ];

  it('reads "Paid before the import" in English; a reference the owner typed stays as typed', async () => {
    fakeApi(({ path }) => (path.startsWith('/invoices/inv1/payments') ? { status: 200, body: { items } } : undefined));
    await setLanguage('en');
    try {
      renderInApp(<Payments invoiceId="inv1" canPay={false} />);
      const lines = (await screen.findAllByRole('listitem')).map((li) => (li.textContent ?? '').replace(/[\u00a0\u202f]/g, ' '));
      expect(lines[0]).toContain('€100.00 · Other · Paid before the import');
      expect(lines[0]).not.toContain('Réglé');
      expect(lines[1]).toContain('· Réglé avant import');
    } finally {
      await setLanguage('fr');
    }
  });
});
