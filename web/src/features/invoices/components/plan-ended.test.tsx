import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../../lib/i18n';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { PaymentPlanCard } from './payment-plan';

const ended = (status: string, balanceCents: number, endReason: string) =>
  ({
    id: 'inv1',
    status,
    balanceCents,
    paymentPlan: { status: 'ended', endReason, endedAt: '2027-01-15T08:00:00.000Z', createdAt: '2026-11-27T10:00:00.000Z', seq: 1 },
  }) as unknown as Invoice;

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('the payment plan card once the plan ended', () => {
  it('says the plan ended and why, then offers a new one (it read "Annulée une échéance n’a pas été réglée" then "Aucun échéancier")', () => {
    fakeApi(() => undefined);
    renderInApp(<PaymentPlanCard invoice={ended('partially_paid', 80_000, 'missed')} />);
    expect(plain(screen.getByTestId('plan-ended').textContent)).toBe('Échéancier terminé : une échéance n’a pas été réglée.');
    expect(screen.queryByText('Annulée')).toBeNull();
    expect(screen.queryByText(/Aucun échéancier/)).toBeNull();
    expect(screen.getByText('Proposez un nouvel échéancier si le client ne peut toujours pas tout payer d’un coup.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Créer un échéancier' })).toBeTruthy();
  });

  it('offers nothing more on an invoice the plan got paid', () => {
    fakeApi(() => undefined);
    renderInApp(<PaymentPlanCard invoice={ended('paid', 0, 'paid')} />);
    expect(plain(screen.getByTestId('plan-ended').textContent)).toBe('Échéancier terminé : facture payée.');
    expect(screen.queryByText(/Proposez/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Créer un échéancier' })).toBeNull();
  });

  it('says it in English', async () => {
    fakeApi(() => undefined);
    await setLanguage('en');
    try {
      renderInApp(<PaymentPlanCard invoice={ended('partially_paid', 80_000, 'deleted')} />);
      expect(screen.getByTestId('plan-ended').textContent).toBe('Payment plan ended: stopped by you.');
    } finally {
      await setLanguage('fr');
    }
  });

  it('heads the running plan’s amounts "Montant", the € being on each amount (it read "Montant (€)" over "411,52 €")', async () => {
    fakeApi(({ path }) =>
      path === '/invoices/inv1/payment-plan'
        ? { status: 200, body: { seq: 1, status: 'active', totalCents: 123_456, balanceCents: 123_456, source: 'owner', waivePenalties: false, createdAt: '2026-11-27T10:00:00.000Z', instalments: [{ dueDate: '2026-12-04', amountCents: 41_152, paidCents: 0, dueCents: 41_152, status: 'pending' }] } }
        : undefined,
    );
    renderInApp(<PaymentPlanCard invoice={{ id: 'inv1', status: 'sent', balanceCents: 123_456, paymentPlan: { status: 'active', seq: 1, createdAt: '2026-11-27T10:00:00.000Z' } } as unknown as Invoice} />);
    const table = await screen.findByTestId('instalments');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Date', 'Montant', 'Reste sur l’échéance', 'État']);
    expect(plain(within(table).getAllByRole('cell')[1]!.textContent)).toBe('411,52 €');
  });
});
