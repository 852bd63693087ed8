import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import { Timeline } from './timeline';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const at = '2026-11-25T10:00:00.000Z';

describe('the invoice’s history', () => {
  it('says what each event carries, in words', async () => {
    fakeApi(({ path }) =>
      path.startsWith('/invoices/inv1/timeline')
        ? {
            status: 200,
            body: {
              items: [
                { at, type: 'invoice.status_changed', data: { from: 'sent', to: 'partially_paid' } },
                { at, type: 'payment.recorded', data: { date: '2026-11-25', amountCents: 50_000, method: 'transfer', paymentId: 'p1' } },
                { at, type: 'reminder.cancelled', data: { stepId: 'j+8', plan: 1, reason: 'paused' } },
                { at, type: 'portal.paid_claimed', data: { date: '2026-11-24', reference: 'VIR-889' } },
                { at, type: 'portal.disputed', data: { reason: 'Le chauffe-eau fuit encore' } },
                { at, type: 'portal.viewed', data: {} },
              ],
            },
          }
        : undefined,
    );
    renderInApp(<Timeline invoiceId="inv1" />);
    const items = within(await screen.findByRole('list')).getAllByRole('listitem').map((li) => plain(li.textContent).replace(/^.*?\d\d:\d\d/, ''));
    expect(items).toEqual([
      'Statut modifié — Envoyée → Partiellement payée',
      'Paiement enregistré — 500,00 € · 25 nov. 2026 · Virement',
      'Relance annulée — J+8 · relances suspendues',
      'Le client dit avoir payé — 24 nov. 2026 · VIR-889',
      'Le client conteste la facture — Le chauffe-eau fuit encore',
      'Le client a ouvert le portail',
    ]);
  });
});
