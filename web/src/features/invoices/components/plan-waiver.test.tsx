import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../../lib/i18n';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { PaymentPlanCard } from './payment-plan';

/**
 * A plan agreed with the penalties waived (issue 13 §1: "waivePenalties: true, recorded") said so nowhere on the owner's
 * screen: the card showed the instalments only, the history "Échéancier mis en place". The owner who ticked the box could
 * not see whether he had, while the reminders' PDFs told the client "nous renonçons aux pénalités".
 */
const running = (waivePenalties: boolean, kind: 'business' | 'consumer') => {
  fakeApi(({ path }) =>
    path === '/invoices/inv1/payment-plan'
      ? { status: 200, body: { seq: 1, status: 'active', totalCents: 120_000, balanceCents: 120_000, source: 'owner', waivePenalties, createdAt: '2026-11-27T10:00:00.000Z', instalments: [{ dueDate: '2026-12-04', amountCents: 120_000, paidCents: 0, dueCents: 120_000, status: 'pending' }] } }
      : undefined,
  );
  const invoice = { id: 'inv1', status: 'sent', balanceCents: 120_000, issued: { client: { kind } }, paymentPlan: { status: 'active', seq: 1, createdAt: '2026-11-27T10:00:00.000Z' } } as unknown as Invoice;
  renderInApp(<PaymentPlanCard invoice={invoice} />);
};
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('the running plan card and the penalties waived on it', () => {
  it('says the penalties and the €40 are waived while the plan is kept', async () => {
    running(true, 'business');
    await screen.findByTestId('instalments');
    expect(plain(screen.getByTestId('plan-waived').textContent)).toBe('Pénalités de retard et indemnité forfaitaire de 40 € abandonnées tant que l’échéancier est respecté.');
  });

  it('says nothing when they were not waived', async () => {
    running(false, 'business');
    await screen.findByTestId('instalments');
    expect(screen.queryByTestId('plan-waived')).toBeNull();
  });

  it('says nothing on a consumer’s invoice, who owes neither', async () => {
    running(true, 'consumer');
    await screen.findByTestId('instalments');
    expect(screen.queryByTestId('plan-waived')).toBeNull();
  });

  it('says it in English', async () => {
    await setLanguage('en');
    try {
      running(true, 'business');
      await screen.findByTestId('instalments');
      expect(screen.getByTestId('plan-waived').textContent).toBe('Late-payment penalties and the €40 recovery indemnity waived as long as the plan is kept.');
    } finally {
      await setLanguage('fr');
    }
  });
});
