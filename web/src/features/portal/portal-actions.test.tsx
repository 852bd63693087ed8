import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import type { Portal } from './plan-request';
import PortalScreen, { groupIban } from './portal-screen';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

const portal = {
  language: 'fr',
  seller: { name: 'Plomberie Martin', siren: '123456782' },
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
  },
  payments: [],
  payment: { reference: 'F-2026-0042', iban: 'FR7630006000011234567890189' },
  reminders: { paused: false, disputed: false },
  actions: { claimPaid: true, promise: true, dispute: true, latestPromiseDate: '2099-01-24', planRequest: false },
} as unknown as Portal;

const renderPortal = () => {
  const calls = fakeApi(({ method, path }) => (method === 'GET' && path === '/portal/tok1' ? { status: 200, body: portal } : { status: 200, body: {} }));
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={['/p/tok1']}>
        <Routes>
          <Route path="/p/:token" element={<PortalScreen />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return calls;
};

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('the client portal’s actions', () => {
  it('shows the IBAN in groups of four', async () => {
    renderPortal();
    expect((await screen.findByTestId('portal-iban')).textContent).toBe('FR76 3000 6000 0112 3456 7890 189');
    // The tab names the invoice and the seller the client knows (not the app).
    expect(document.title).toBe('Facture F-2026-0042 — Plomberie Martin');
    expect(groupIban('fr76 3000 60000112')).toBe('fr76 3000 6000 0112');
  });

  it('copies the IBAN (without its spaces) and the reference for the bank’s app, and says so', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderPortal();
    await userEvent.click(await screen.findByRole('button', { name: 'Copier l’IBAN' }));
    expect(writeText).toHaveBeenCalledWith('FR7630006000011234567890189');
    await waitFor(() => expect(screen.getAllByRole('status').map((s) => plain(s.textContent))).toContain('IBAN copié : collez-le dans l’application de votre banque.'));
    await userEvent.click(screen.getByRole('button', { name: 'Copier la référence' }));
    expect(writeText).toHaveBeenLastCalledWith('F-2026-0042');
    await waitFor(() => expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Référence copiée.'));
  });

  it('selects the IBAN on screen when the browser refuses to copy it', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) }, configurable: true });
    renderPortal();
    await userEvent.click(await screen.findByRole('button', { name: 'Copier l’IBAN' }));
    await waitFor(() => expect(screen.getAllByRole('status').map((s) => plain(s.textContent))).toContain('Copie impossible : le texte est sélectionné, copiez-le avec votre téléphone.'));
    expect(window.getSelection()?.toString()).toBe('FR76 3000 6000 0112 3456 7890 189');
  });

  it('refuses a promised date beyond the last one allowed, in French and before the API, then sends a good one', async () => {
    const calls = renderPortal();
    const form = await screen.findByRole('form', { name: 'Je paierai le…' });
    const input = within(form).getByLabelText('Date promise');
    await userEvent.clear(input);
    await userEvent.type(input, '2099-12-31');
    await userEvent.click(within(form).getByRole('button', { name: 'Promettre cette date' }));
    await waitFor(() => expect(plain(errorOf(input))).toMatch(/^Choisissez une date entre le \d{1,2} [a-zéû.]+ \d{4} et le 24 janv\. 2099\.$/));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await userEvent.clear(input);
    await userEvent.type(input, '2099-01-10');
    await userEvent.click(within(form).getByRole('button', { name: 'Promettre cette date' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/portal/tok1/promise', body: { date: '2099-01-10' } }));
  });

  it('takes the client to the reason of a dispute sent without one (focused, its error said)', async () => {
    const calls = renderPortal();
    const form = await screen.findByRole('form', { name: 'Je conteste cette facture' });
    await userEvent.click(within(form).getByRole('button', { name: 'Envoyer ma contestation' }));
    const reason = within(form).getByLabelText('Motif');
    await waitFor(() => expect(document.activeElement).toBe(reason));
    expect(errorOf(reason)).toBe('Obligatoire');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('refuses a payment said to be made in the future', async () => {
    const calls = renderPortal();
    const form = await screen.findByRole('form', { name: 'J’ai payé' });
    const input = within(form).getByLabelText('Date du paiement');
    await userEvent.clear(input);
    await userEvent.type(input, '2099-01-01');
    await userEvent.click(within(form).getByRole('button', { name: 'Signaler mon paiement' }));
    await waitFor(() => expect(plain(errorOf(input))).toMatch(/^Choisissez une date jusqu’au \d{1,2} [a-zéû.]+ \d{4}\.$/));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('says "J’ai payé", a promise and a dispute are taken where the client tapped (a phone shows the form, not the top of the page), and offers no second tap', async () => {
    renderPortal();
    const paid = await screen.findByRole('form', { name: 'J’ai payé' });
    await userEvent.type(within(paid).getByLabelText('Référence du virement (facultatif)'), 'VIR-9876');
    await userEvent.click(within(paid).getByRole('button', { name: 'Signaler mon paiement' }));
    expect(plain((await within(paid).findByRole('status')).textContent)).toMatch(/^Merci ! Votre paiement du \d{1,2} [a-zéû.]+ \d{4} est signalé ; Plomberie Martin va le vérifier\.$/);
    expect(within(paid).queryByRole('button', { name: 'Signaler mon paiement' })).toBeNull();
    // The pressed button has gone: the focus is on what was said, not back at the page's top.
    await waitFor(() => expect(document.activeElement).toBe(within(paid).getByRole('status')));

    const promise = screen.getByRole('form', { name: 'Je paierai le…' });
    const promised = within(promise).getByLabelText('Date promise');
    await userEvent.clear(promised);
    await userEvent.type(promised, '2099-01-10');
    await userEvent.click(within(promise).getByRole('button', { name: 'Promettre cette date' }));
    expect(plain((await within(promise).findByRole('status')).textContent)).toBe('C’est noté : vous payerez le 10 janv. 2099. Aucune relance d’ici là.');

    const dispute = screen.getByRole('form', { name: 'Je conteste cette facture' });
    await userEvent.type(within(dispute).getByLabelText('Motif'), 'Travaux non terminés');
    await userEvent.click(within(dispute).getByRole('button', { name: 'Envoyer ma contestation' }));
    expect(plain((await within(dispute).findByRole('status')).textContent)).toBe('Votre contestation est transmise ; les relances sont arrêtées.');
    await waitFor(() => expect(document.activeElement).toBe(within(dispute).getByRole('status')));
  });

  it('drops a form’s old error once another action is taken (no "Obligatoire" left beside "Merci !")', async () => {
    renderPortal();
    const dispute = await screen.findByRole('form', { name: 'Je conteste cette facture' });
    await userEvent.click(within(dispute).getByRole('button', { name: 'Envoyer ma contestation' }));
    const reason = within(dispute).getByLabelText('Motif');
    await waitFor(() => expect(errorOf(reason)).toBe('Obligatoire'));
    const paid = screen.getByRole('form', { name: 'J’ai payé' });
    await userEvent.click(within(paid).getByRole('button', { name: 'Signaler mon paiement' }));
    await within(paid).findByRole('status');
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).not.toBe('true'));
    expect(within(dispute).queryByText('Obligatoire')).toBeNull();
  });
});
