import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { PaymentPlanCard } from './payment-plan';
import { plain } from '../../../test/plain';
import { Timeline } from './timeline';

const invoice = {
  id: 'inv1',
  status: 'sent',
  balanceCents: 12_000,
  planRequest: { status: 'pending', requestedAt: '2026-11-25T10:00:00.000Z', note: 'Fin de chantier difficile', instalments: [{ dueDate: '2026-12-01', amountCents: 6000 }, { dueDate: '2027-01-01', amountCents: 6000 }] },
} as unknown as Invoice;

describe('the owner decides on a client’s payment plan request', () => {
  it('accepts it, waiving penalties when ticked', async () => {
    const calls = fakeApi(({ method }) => (method === 'POST' ? { status: 200, body: { request: { ...invoice.planRequest, status: 'accepted' }, clientNotified: true } } : undefined));
    renderInApp(<PaymentPlanCard invoice={invoice} />);
    const request = screen.getByRole('group', { name: 'Le client demande un échéancier' });
    expect(request.textContent).toContain('Fin de chantier difficile');
    await userEvent.click(within(request).getByLabelText('Renoncer aux pénalités de retard pendant l’échéancier'));
    await userEvent.click(within(request).getByRole('button', { name: 'Accepter' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/invoices/inv1/payment-plan/request/accept', body: { waivePenalties: true } }));
  });

  it('offers no penalty waiver for a consumer, who owes none (the API ignores it), on the request nor on a new plan', async () => {
    const calls = fakeApi(({ method }) => (method === 'POST' ? { status: 200, body: { request: { ...invoice.planRequest, status: 'accepted' }, clientNotified: true } } : undefined));
    const view = renderInApp(<PaymentPlanCard invoice={invoice} consumer />);
    const request = screen.getByRole('group', { name: 'Le client demande un échéancier' });
    expect(within(request).queryByLabelText('Renoncer aux pénalités de retard pendant l’échéancier')).toBeNull();
    await userEvent.click(within(request).getByRole('button', { name: 'Accepter' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/invoices/inv1/payment-plan/request/accept' }));
    expect(JSON.stringify(calls.find((c) => c.method === 'POST')!.body ?? {})).not.toContain('"waivePenalties":true');
    view.unmount();
    renderInApp(<PaymentPlanCard invoice={{ ...invoice, planRequest: undefined } as unknown as Invoice} consumer />);
    await userEvent.click(screen.getByRole('button', { name: 'Créer un échéancier' }));
    const dialog = await screen.findByRole('dialog', { name: 'Nouvel échéancier' });
    expect(within(dialog).queryByLabelText('Renoncer aux pénalités de retard pendant l’échéancier')).toBeNull();
  });

  it('says what to do when the balance changed since the request (a payment since): decline it and offer a plan, not the API’s sums in cents', async () => {
    fakeApi(({ method }) =>
      method === 'POST'
        ? {
            status: 422,
            body: {
              type: 'https://relances.dev/problems/payment-plan-invalid',
              status: 422,
              title: 'Unprocessable request',
              detail: 'planRequest.instalments: instalments add up to 12000 cents but the balance is 11000 cents (1000 cents too much)',
              errors: [{ path: 'planRequest.instalments', message: 'instalments add up to 12000 cents but the balance is 11000 cents (1000 cents too much)' }],
            },
          }
        : undefined,
    );
    renderInApp(<PaymentPlanCard invoice={invoice} />);
    await userEvent.click(screen.getByRole('button', { name: 'Accepter' }));
    const alert = await screen.findByRole('alert');
    expect(plain(alert.textContent)).toBe(
      'Le reste dû a changé depuis la demande du client (les échéances font 120,00 € mais le reste dû est de 110,00 € : 10,00 € de trop) : refusez-la, puis proposez un échéancier sur le reste dû actuel.',
    );
  });

  it('reads the request’s alerts once answered, so Home no longer lists it as to do (other alerts stay unread)', async () => {
    const alerts = [
      { id: 'n1', kind: 'plan_request', at: '2026-11-25T10:00:00.000Z', read: false, invoiceId: 'inv1', invoiceNumber: 'F-2026-0001', clientName: 'Café du Port' },
      { id: 'n2', kind: 'plan_request', at: '2026-11-25T10:00:00.000Z', read: false, invoiceId: 'inv2', invoiceNumber: 'F-2026-0002', clientName: 'Smith Ltd' },
      { id: 'n3', kind: 'dispute', at: '2026-11-25T10:00:00.000Z', read: false, invoiceId: 'inv1', invoiceNumber: 'F-2026-0001', clientName: 'Café du Port' },
    ];
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path.startsWith('/notifications')) return { status: 200, body: { items: alerts } };
      if (method === 'POST' && path.startsWith('/notifications/')) return { status: 204 };
      if (method === 'POST') return { status: 200, body: { request: { ...invoice.planRequest, status: 'declined' }, clientNotified: true } };
      return undefined;
    });
    renderInApp(<PaymentPlanCard invoice={invoice} />);
    await userEvent.click(screen.getByRole('button', { name: 'Refuser' }));
    const dialog = await screen.findByRole('dialog', { name: 'Refuser l’échéancier demandé' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Refuser' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST' && c.path.startsWith('/notifications/')).map((c) => c.path)).toEqual(['/notifications/n1/read']));
  });

  it('declines it with a reason sent to the client', async () => {
    const calls = fakeApi(({ method }) => (method === 'POST' ? { status: 200, body: { request: { ...invoice.planRequest, status: 'declined' }, clientNotified: true } } : undefined));
    renderInApp(<PaymentPlanCard invoice={invoice} />);
    await userEvent.click(screen.getByRole('button', { name: 'Refuser' }));
    const dialog = await screen.findByRole('dialog', { name: 'Refuser l’échéancier demandé' });
    await userEvent.type(within(dialog).getByLabelText('Motif (facultatif, envoyé au client)'), 'Trois mois maximum');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Refuser' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/invoices/inv1/payment-plan/request/decline', body: { reason: 'Trois mois maximum' } }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('offers no new plan of the owner’s own while the request waits (the API refuses one: 422 plan-request-pending)', () => {
    fakeApi(() => undefined);
    renderInApp(<PaymentPlanCard invoice={invoice} />);
    expect(screen.getByRole('group', { name: 'Le client demande un échéancier' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Créer un échéancier' })).toBeNull();
  });

  it('asks nothing once the client paid while the request waited (the API refuses an answer then: 422 invoice-not-open)', () => {
    fakeApi(() => undefined);
    renderInApp(<PaymentPlanCard invoice={{ ...invoice, status: 'paid', balanceCents: 0 } as Invoice} />);
    expect(screen.queryByRole('group', { name: 'Le client demande un échéancier' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Accepter' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Refuser' })).toBeNull();
  });

  it('offers a new plan once there is no request waiting', () => {
    fakeApi(() => undefined);
    renderInApp(<PaymentPlanCard invoice={{ ...invoice, planRequest: { ...invoice.planRequest!, status: 'declined' } } as Invoice} />);
    expect(screen.getByRole('button', { name: 'Créer un échéancier' })).toBeTruthy();
  });
});

describe('a plan just agreed', () => {
  it('takes the focus to the card’s title (the dialog’s or the request’s button went away: it fell to the page)', async () => {
    fakeApi(({ path }) =>
      path === '/invoices/inv1/payment-plan' ? { status: 200, body: { status: 'active', instalments: [{ dueDate: '2026-12-01', amountCents: 12_000, paidCents: 0, dueCents: 12_000, status: 'pending' }] } } : undefined,
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const at = (invoice: Invoice) => (
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <PaymentPlanCard invoice={invoice} />
        </MemoryRouter>
      </QueryClientProvider>
    );
    const { rerender } = render(at({ ...invoice, planRequest: undefined } as unknown as Invoice));
    expect(document.activeElement).toBe(document.body);
    rerender(at({ ...invoice, planRequest: { ...invoice.planRequest!, status: 'accepted' }, paymentPlan: { status: 'active' } } as unknown as Invoice));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Échéancier' })));
  });
});

describe('the invoice timeline', () => {
  it('names each event of the contract in French, and shows an unknown one readably', async () => {
    fakeApi(({ path }) =>
      path.startsWith('/invoices/inv1/timeline')
        ? {
            status: 200,
            body: {
              items: ['reminder.to_post', 'reminder.posted', 'portal.paid_claimed', 'plan.requested', 'invoice.litigation', 'thank_you.sent', 'something.new'].map((type, i) => ({ at: `2026-11-2${i}T10:00:00.000Z`, type })),
            },
          }
        : undefined,
    );
    renderInApp(<Timeline invoiceId="inv1" />);
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(7));
    expect(screen.getAllByRole('listitem').map((li) => li.textContent?.replace(li.querySelector('time')?.textContent ?? '', ''))).toEqual([
      'Courrier à poster produit',
      'Courrier posté en recommandé',
      'Le client dit avoir payé',
      'Le client demande un échéancier',
      'Passée en contentieux',
      'Remerciement envoyé',
      'something new',
    ]);
  });
});

describe('a plan that ended', () => {
  it('says why in words, on the card and in the history, never the API’s code (deleted, missed…)', async () => {
    fakeApi(({ path }) =>
      path.startsWith('/invoices/inv1/timeline')
        ? { status: 200, body: { items: [{ at: '2026-11-25T10:00:00.000Z', type: 'plan.ended', data: { seq: 1, reason: 'missed' } }, { at: '2026-11-26T10:00:00.000Z', type: 'plan.ended', data: { seq: 2, reason: 'deleted' } }, { at: '2026-11-27T10:00:00.000Z', type: 'invoice.resumed', data: { auto: false, reason: 'payment_plan' } }] } }
        : undefined,
    );
    const ended = { ...invoice, planRequest: undefined, paymentPlan: { status: 'ended', endReason: 'deleted', instalments: [] } } as unknown as Invoice;
    renderInApp(
      <>
        <PaymentPlanCard invoice={ended} />
        <Timeline invoiceId="inv1" />
      </>,
    );
    await screen.findByText(/une échéance n’a pas été réglée/);
    const history = within(screen.getByRole('list')).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(history[0]).toContain('Échéancier terminé — une échéance n’a pas été réglée');
    expect(history[1]).toContain('Échéancier terminé — arrêté par vous');
    // A plan set up resumes a paused invoice: said as the reminder plan says it.
    expect(history[2]).toContain('Relances reprises — échéancier en place');
    expect(document.body.textContent).not.toMatch(/\b(deleted|missed|payment_plan)\b/);
    expect(screen.getAllByText(/arrêté par vous/).length).toBe(2);
  });
});
