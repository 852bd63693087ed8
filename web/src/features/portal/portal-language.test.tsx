import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import PortalScreen from './portal-screen';
import { plain } from '../../test/plain';

const portal = {
  language: 'en',
  seller: { name: 'Plomberie Martin', siren: '123456782' },
  client: { name: 'John Smith Ltd' },
  invoice: {
    number: 'F-2026-0042', issueDate: '2026-10-01', dueDate: '2026-10-31', currency: 'EUR',
    lines: [{ description: 'Boiler', quantity: 1, unitPriceCents: 10_000, vatRate: 20 }],
    totals: { netCents: 10_000, vatCents: 2_000, grossCents: 12_000, vatBreakdown: [] },
    paidCents: 0, creditedCents: 0, balanceCents: 12_000, status: 'sent', overdue: true, daysLate: 25,
  },
  payments: [],
  payment: { reference: 'F-2026-0042', iban: 'FR7630006000011234567890189' },
  reminders: { paused: false, disputed: false },
  actions: { claimPaid: true, promise: true, dispute: true, latestPromiseDate: '2099-01-24', planRequest: false },
};

describe('the client portal’s language', () => {
  it('speaks the client’s language, and gives the app back the owner’s once left (an owner opening a link in the same tab)', async () => {
    fakeApi(({ method, path }) => (method === 'GET' && path === '/portal/tok1' ? { status: 200, body: portal } : undefined));
    expect(i18next.language).toBe('fr');
    const view = render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/p/tok1']}>
          <Routes>
            <Route path="/p/:token" element={<PortalScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('I have paid')).toBeTruthy();
    expect(i18next.language).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    view.unmount();
    await waitFor(() => expect(i18next.language).toBe('fr'));
    expect(document.documentElement.lang).toBe('fr');
  });

  it('shows a final invoice’s deducted deposits beside its total, so that total, paid and balance add up', async () => {
    const final = { ...portal, language: 'fr', invoice: { ...portal.invoice, totals: { ...portal.invoice.totals, grossCents: 480_000 }, deductedCents: 144_000, balanceCents: 336_000 } };
    fakeApi(({ method, path }) => (method === 'GET' && path === '/portal/tok2' ? { status: 200, body: final } : undefined));
    const view = render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/p/tok2']}>
          <Routes>
            <Route path="/p/:token" element={<PortalScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const deducted = await screen.findByTestId('portal-deducted');
    expect(deducted.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toBe('1 440,00 €');
    expect([...deducted.closest('dl')!.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual(['Total TTC', 'Acomptes déduits', 'Déjà payé', 'Reste à payer', 'Échéance']);
    view.unmount();
  });

  it('gives each line the net the invoice bills (0.285 × 1,00 € = 0,29 €, half away from zero, as the API rounds it)', async () => {
    // In floating point 0.285 × 100 = 28.499999…: rounded as a float the portal said 0,28 € where the invoice bills 0,29 €.
    const odd = { ...portal, language: 'fr', invoice: { ...portal.invoice, lines: [{ description: 'Joint', quantity: 0.285, unitPriceCents: 100, vatRate: 20 }] } };
    fakeApi(({ method, path }) => (method === 'GET' && path === '/portal/tok5' ? { status: 200, body: odd } : undefined));
    const view = render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/p/tok5']}>
          <Routes>
            <Route path="/p/:token" element={<PortalScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const line = (await screen.findByText(/Joint ×/)).closest('li')!;
    expect(line.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toContain('0,29 €');
    view.unmount();
    await waitFor(() => expect(i18next.language).toBe('fr'));
  });

  it('writes an English client’s plan amounts as English does ("40.00", not the French "40,00" of the first render)', async () => {
    const withPlan = { ...portal, actions: { ...portal.actions, planRequest: true } };
    fakeApi(({ method, path }) => (method === 'GET' && path === '/portal/tok3' ? { status: 200, body: withPlan } : undefined));
    const view = render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/p/tok3']}>
          <Routes>
            <Route path="/p/:token" element={<PortalScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const amounts = await screen.findAllByLabelText('Amount (€)');
    expect(amounts.map((a) => (a as HTMLInputElement).value)).toEqual(['40.00', '40.00', '40.00']);
    view.unmount();
    await waitFor(() => expect(i18next.language).toBe('fr'));
  });

  it('shows a credit note apart from the payments, so that "Déjà payé" matches the payments listed and the figures add up', async () => {
    const credited = {
      ...portal,
      language: 'fr',
      invoice: { ...portal.invoice, totals: { ...portal.invoice.totals, grossCents: 29_400 }, paidCents: 28_200, creditedCents: 1_200, balanceCents: 0, status: 'paid', overdue: false },
      payments: [{ date: '2026-11-01', amountCents: 28_200 }],
    };
    fakeApi(({ method, path }) => (method === 'GET' && path === '/portal/tok4' ? { status: 200, body: credited } : undefined));
    const view = render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/p/tok4']}>
          <Routes>
            <Route path="/p/:token" element={<PortalScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const credit = await screen.findByTestId('portal-credited');
    const stats = [...credit.closest('dl')!.querySelectorAll('div, dt')].filter((e) => e.tagName === 'DT').map((dt) => [dt.textContent, dt.nextElementSibling?.textContent?.replace(/[\u00a0\u202f]/g, ' ')]);
    expect(stats).toEqual([
      ['Total TTC', '294,00 €'],
      ['Avoirs', '12,00 €'],
      ['Déjà payé', '282,00 €'],
      ['Reste à payer', '0,00 €'],
      ['Échéance', '31 oct. 2026'],
    ]);
    view.unmount();
  });
});

describe('a portal link that no longer works', () => {
  it('says so in the browser tab too, without the app’s name', async () => {
    fakeApi(({ method, path }) => (method === 'GET' && path === '/portal/gone' ? { status: 404, body: { type: 'about:blank', title: 'Not found', status: 404, detail: 'Portal link not found' } } : undefined));
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/p/gone']}>
          <Routes>
            <Route path="/p/:token" element={<PortalScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const said = await screen.findByText((_, el) => el?.className === 'empty-title');
    await waitFor(() => expect(document.title).toBe(said.textContent));
    expect(document.title).not.toContain('Relances');
    // An empty page is not the end: the client is told how to get a working link.
    expect(screen.getByText(/demandez un nouveau lien à l’entreprise qui vous l’a envoyée/)).toBeTruthy();
  });
});

describe('the portal of an invoice under a payment plan', () => {
  const renderPortal = (body: unknown, token: string) => {
    fakeApi(({ method, path }) => (method === 'GET' && path === `/portal/${token}` ? { status: 200, body } : undefined));
    return render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={[`/p/${token}`]}>
          <Routes>
            <Route path="/p/:token" element={<PortalScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
  };
  const instalment = (dueDate: string, status: 'pending' | 'paid' | 'late', amountCents = 6_000) => ({ dueDate, amountCents, paidCents: status === 'paid' ? amountCents : 0, dueCents: status === 'paid' ? 0 : amountCents, status });

  it('kept: says the next instalment instead of days late, and the invoice is not shown late', async () => {
    const kept = { ...portal, language: 'fr', paymentPlan: { instalments: [instalment('2026-11-15', 'paid'), instalment('2026-12-15', 'pending')], waivePenalties: false } };
    const view = renderPortal(kept, 'plan1');
    const said = await screen.findByTestId('portal-on-plan');
    expect(said.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toBe('Échéancier en cours : prochaine échéance le 15 déc. 2026 (60,00 €).');
    expect(screen.queryByText(/jours de retard/)).toBeNull();
    expect(screen.queryByText('En retard')).toBeNull();
    view.unmount();
  });

  it('missed: days late again, no plan line', async () => {
    const missed = { ...portal, language: 'fr', paymentPlan: { instalments: [instalment('2026-10-15', 'late'), instalment('2026-12-15', 'pending')], waivePenalties: false } };
    renderPortal(missed, 'plan2');
    expect(await screen.findByText('25 jours de retard')).toBeTruthy();
    expect(screen.queryByTestId('portal-on-plan')).toBeNull();
  });

  it('gives the seller’s address as a mail link naming the invoice (on a phone, one tap; it was plain text to copy)', async () => {
    const withEmail = { ...portal, language: 'fr', seller: { ...portal.seller, email: 'contact@plomberie.test' } };
    fakeApi(({ method, path }) => (method === 'GET' && path === '/portal/tok3' ? { status: 200, body: withEmail } : undefined));
    const view = render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/p/tok3']}>
          <Routes>
            <Route path="/p/:token" element={<PortalScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const link = await screen.findByRole('link', { name: 'contact@plomberie.test' });
    expect(link.getAttribute('href')).toBe('mailto:contact@plomberie.test?subject=Facture%20F-2026-0042');
    expect(plain(screen.getByTestId('portal-contact').textContent)).toBe('Une question ? Écrivez à contact@plomberie.test');
    view.unmount();
  });
});
