import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, MemoryRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/problem';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import { PlanRequestForm, PlanState, type Portal } from './plan-request';
import PortalScreen from './portal-screen';

const TODAY = '2026-11-25';
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;
const row = (n: number) => screen.getByRole('group', { name: `Échéance ${n}` });

describe('portal: proposing a payment plan', () => {
  it('spreads the balance into equal instalments, the last taking the remainder, every N days', async () => {
    renderInApp(<PlanRequestForm balanceCents={100_00} seller="Plomberie Martin" today={TODAY} onSubmit={vi.fn()} />);
    expect(screen.getAllByRole('group', { name: /^Échéance \d$/ })).toHaveLength(3);
    expect(within(row(1)).getByLabelText('Montant (€)')).toHaveProperty('value', '33,33');
    expect(within(row(3)).getByLabelText('Montant (€)')).toHaveProperty('value', '33,34');
    expect(within(row(1)).getByLabelText('Date')).toHaveProperty('value', '2026-12-02');
    expect(within(row(2)).getByLabelText('Date')).toHaveProperty('value', '2027-01-01');
    await userEvent.clear(screen.getByLabelText('Nombre d’échéances'));
    await userEvent.type(screen.getByLabelText('Nombre d’échéances'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Répartir le reste à payer' }));
    expect(screen.getAllByRole('group', { name: /^Échéance \d$/ })).toHaveLength(2);
    expect(within(row(2)).getByLabelText('Montant (€)')).toHaveProperty('value', '50,00');
  });

  it('says under its field a count, an interval or a first date out of range, and keeps the instalments as they were', async () => {
    renderInApp(<PlanRequestForm balanceCents={100_00} seller="Plomberie Martin" today={TODAY} onSubmit={vi.fn()} />);
    const every = screen.getByLabelText('Tous les (jours)');
    const count = screen.getByLabelText('Nombre d’échéances');
    await userEvent.clear(every);
    await userEvent.type(every, '0');
    await userEvent.clear(count);
    await userEvent.type(count, '30');
    await userEvent.click(screen.getByRole('button', { name: 'Répartir le reste à payer' }));
    expect(errorOf(every)).toBe('Entre 1 et 365 jours.');
    expect(errorOf(count)).toBe('Entre 1 et 24 échéances.');
    expect(screen.getAllByRole('group', { name: /^Échéance \d+$/ })).toHaveLength(3);
    await userEvent.clear(every);
    await userEvent.type(every, '15');
    await userEvent.clear(count);
    await userEvent.type(count, '4');
    await userEvent.click(screen.getByRole('button', { name: 'Répartir le reste à payer' }));
    expect(errorOf(every)).toBeFalsy();
    expect(screen.getAllByRole('group', { name: /^Échéance \d+$/ })).toHaveLength(4);
    expect(within(row(2)).getByLabelText('Date')).toHaveProperty('value', '2026-12-17');
  });

  it('refuses, before the API, instalments that do not add up to the balance, a bad amount, a past date and dates out of order', async () => {
    const onSubmit = vi.fn();
    renderInApp(<PlanRequestForm balanceCents={120_00} seller="Plomberie Martin" today={TODAY} onSubmit={onSubmit} />);
    await userEvent.clear(within(row(3)).getByLabelText('Montant (€)'));
    await userEvent.type(within(row(3)).getByLabelText('Montant (€)'), '30');
    expect(plain(screen.getByTestId('portal-plan-sum').textContent)).toBe('Total des échéances : 110,00 € — reste à payer : 120,00 € (10,00 € manquent)');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer ma proposition' }));
    expect(plain((await screen.findByRole('alert')).textContent)).toBe('Les échéances doivent faire 120,00 € au total (elles font 110,00 €).');

    await userEvent.clear(within(row(2)).getByLabelText('Montant (€)'));
    await userEvent.type(within(row(2)).getByLabelText('Montant (€)'), 'abc');
    const first = within(row(1)).getByLabelText('Date');
    await userEvent.clear(first);
    await userEvent.type(first, '2026-11-20');
    const third = within(row(3)).getByLabelText('Date');
    await userEvent.clear(third);
    await userEvent.type(third, '2026-12-01');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer ma proposition' }));
    await waitFor(() => expect(errorOf(within(row(2)).getByLabelText('Montant (€)'))).toBe('Montant invalide (ex. 1 234,56)'));
    expect(errorOf(first)).toBe('La première échéance ne peut pas être avant aujourd’hui.');
    expect(errorOf(third)).toBe('Chaque échéance doit venir après la précédente.');
    expect(onSubmit).not.toHaveBeenCalled();
    // The first field refused has the focus: a screen reader says its error, a phone opens on it.
    expect(document.activeElement).toBe(first);
  });

  it('follows the count as typed: "Envoyer ma proposition" after choosing 2 sends 2 instalments (it sent the 3 first spread)', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    renderInApp(<PlanRequestForm balanceCents={90_00} seller="Plomberie Martin" today={TODAY} onSubmit={onSubmit} />);
    const count = screen.getByLabelText('Nombre d’échéances');
    await userEvent.clear(count);
    await userEvent.type(count, '2');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer ma proposition' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        instalments: [
          { dueDate: '2026-12-02', amountCents: 4500 },
          { dueDate: '2027-01-01', amountCents: 4500 },
        ],
      }),
    );
  });

  it('sends integer cents and the note; an API error naming an instalment shows under that field', async () => {
    const onSubmit = vi
      .fn()
      .mockRejectedValue(new ApiError(422, { title: 'Invalid payment plan', status: 422, errors: [{ path: 'body.instalments.1.amountCents', message: 'too small for an instalment' }] }));
    renderInApp(<PlanRequestForm balanceCents={90_00} seller="Plomberie Martin" today={TODAY} onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Message pour Plomberie Martin (facultatif)'), ' Merci de votre compréhension ');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer ma proposition' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        instalments: [
          { dueDate: '2026-12-02', amountCents: 3000 },
          { dueDate: '2027-01-01', amountCents: 3000 },
          { dueDate: '2027-01-31', amountCents: 3000 },
        ],
        note: 'Merci de votre compréhension',
      }),
    );
    const amount = within(row(2)).getByLabelText('Montant (€)');
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(amount)).toBe('too small for an instalment');
    await waitFor(() => expect(document.activeElement).toBe(amount));
  });

  it('shows an API error that names the whole list above the note, and one naming nothing as a message', async () => {
    const onSubmit = vi
      .fn()
      .mockRejectedValueOnce(new ApiError(422, { title: 'Invalid payment plan', status: 422, errors: [{ path: 'body.instalments', message: 'instalments add up to 8999 cents but the balance is 9000 cents' }] }))
      .mockRejectedValueOnce(new ApiError(409, { title: 'Conflict', status: 409, detail: 'A payment plan is already running.' }));
    renderInApp(<PlanRequestForm balanceCents={90_00} seller="Plomberie Martin" today={TODAY} onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer ma proposition' }));
    expect((await screen.findByRole('alert')).textContent).toBe('instalments add up to 8999 cents but the balance is 9000 cents');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer ma proposition' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('A payment plan is already running.'));
  });
});

const portal = (over: Partial<Portal> = {}): Portal => ({
  language: 'fr',
  seller: { name: 'Plomberie Martin', siren: '123456782', address: { line1: '4 rue du Port', postalCode: '44000', city: 'Nantes' } } as Portal['seller'],
  client: { name: 'Garage Lefèvre' },
  invoice: {
    number: 'F-2026-0042',
    issueDate: '2026-10-01',
    dueDate: '2026-10-31',
    currency: 'EUR',
    lines: [{ description: 'Dépannage', quantity: 1, unitPriceCents: 10_000, vatRate: 20 }],
    totals: { netCents: 10_000, vatCents: 2_000, grossCents: 12_000, vatBreakdown: [] },
    paidCents: 0,
    creditedCents: 0,
    balanceCents: 12_000,
    status: 'sent',
    overdue: true,
    daysLate: 25,
  } as unknown as Portal['invoice'],
  payments: [],
  payment: { reference: 'F-2026-0042' },
  reminders: { paused: false, disputed: false },
  actions: { claimPaid: true, promise: true, dispute: true, latestPromiseDate: '2027-01-24', planRequest: true },
  ...over,
});

describe('portal: the request’s state and the plan reminder', () => {
  it('says a proposal waits for the seller’s answer, with what was proposed', () => {
    renderInApp(<PlanState portal={portal({ planRequest: { status: 'pending', requestedAt: '2026-11-25T10:00:00.000Z', instalments: [{ dueDate: '2026-12-01', amountCents: 6000 }, { dueDate: '2027-01-01', amountCents: 6000 }] } })} />);
    const box = screen.getByTestId('portal-plan-request');
    expect(plain(box.textContent)).toMatch(/Votre proposition d’échéancier du 25 nov\. 2026.* est transmise à Plomberie Martin : en attente de sa réponse\./);
    expect(within(box).getAllByRole('listitem').map((li) => plain(li.textContent))).toEqual(['1 déc. 2026 : 60,00 €', '1 janv. 2027 : 60,00 €']);
  });

  it('says a proposal was declined, with the reason', () => {
    renderInApp(<PlanState portal={portal({ planRequest: { status: 'declined', requestedAt: '2026-11-20T10:00:00.000Z', decidedAt: '2026-11-21T10:00:00.000Z', declineReason: 'Trop long', instalments: [{ dueDate: '2026-12-01', amountCents: 12000 }] } })} />);
    expect(plain(screen.getByTestId('portal-plan-request').textContent)).toMatch(/refusée le 21 nov\. 2026.*Motif : Trop long/);
  });

  it('shows the running plan as "rappel de l’échéancier": each instalment, what is left on it and its state', () => {
    renderInApp(
      <PlanState
        portal={portal({
          planRequest: { status: 'accepted', requestedAt: '2026-11-20T10:00:00.000Z', decidedAt: '2026-11-21T10:00:00.000Z', instalments: [] },
          paymentPlan: {
            waivePenalties: true,
            instalments: [
              { dueDate: '2026-11-22', amountCents: 6000, paidCents: 6000, dueCents: 0, status: 'paid' },
              { dueDate: '2026-12-22', amountCents: 6000, paidCents: 0, dueCents: 6000, status: 'pending' },
            ],
          },
        })}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Rappel de l’échéancier' })).toBeTruthy();
    const rows = within(screen.getByTestId('portal-instalments')).getAllByRole('row').slice(1);
    expect(rows.map((r) => plain(r.textContent))).toEqual(['22 nov. 202660,00 €0,00 €Payée', '22 déc. 202660,00 €60,00 €À venir']);
    expect(screen.getByText(/pénalités de retard ne sont pas appliquées/)).toBeTruthy();
    expect(plain(screen.getByTestId('portal-plan-request').textContent)).toMatch(/accepté le 21 nov\. 2026/);
  });
});

describe('portal screen', () => {
  it('posts the proposal to /portal/{token}/plan-request and then shows it pending, without the form', async () => {
    let state: Portal = portal();
    const calls = fakeApi(({ method, path, body }) => {
      if (method === 'GET' && path === '/portal/tok123') return { status: 200, body: state };
      if (method === 'POST' && path === '/portal/tok123/plan-request') {
        const request = { ...(body as { instalments: { dueDate: string; amountCents: number }[] }), status: 'pending' as const, requestedAt: '2026-11-25T10:00:00.000Z' };
        state = portal({ planRequest: request });
        return { status: 200, body: request };
      }
      return undefined;
    });
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/p/tok123']}>
          <Routes>
            <Route path="/p/:token" element={<PortalScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const form = await screen.findByRole('form', { name: 'Proposer un échéancier' });
    await userEvent.clear(within(form).getByLabelText('Nombre d’échéances'));
    await userEvent.type(within(form).getByLabelText('Nombre d’échéances'), '2');
    await userEvent.click(within(form).getByRole('button', { name: 'Répartir le reste à payer' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Envoyer ma proposition' }));
    await waitFor(() => expect(screen.getByTestId('portal-plan-request').textContent).toContain('en attente de sa réponse'));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/portal/tok123/plan-request');
    expect((post.body as { instalments: { amountCents: number }[] }).instalments.map((i) => i.amountCents)).toEqual([6000, 6000]);
    expect(screen.queryByRole('form', { name: 'Proposer un échéancier' })).toBeNull();
  });
});
