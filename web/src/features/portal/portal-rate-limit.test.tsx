import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import PortalScreen from './portal-screen';
import { plain } from '../../test/plain';

const portal = (language: 'fr' | 'en') => ({
  language,
  seller: { name: 'Plomberie Martin', siren: '123456782' },
  client: { name: 'Garage Lefèvre' },
  invoice: {
    number: 'F-2026-0042', issueDate: '2026-10-01', dueDate: '2026-10-31', currency: 'EUR',
    lines: [{ description: 'Dépannage', quantity: 1, unitPriceCents: 10_000, vatRate: 20 }],
    totals: { netCents: 10_000, vatCents: 2_000, grossCents: 12_000, vatBreakdown: [] },
    paidCents: 0, creditedCents: 0, balanceCents: 12_000, status: 'sent', overdue: true, daysLate: 25,
  },
  payments: [],
  payment: { reference: 'F-2026-0042', iban: 'FR7630006000011234567890189' },
  reminders: { paused: false, disputed: false },
  actions: { claimPaid: true, promise: true, dispute: true, latestPromiseDate: '2099-01-24', planRequest: false },
});

/** As the API answers the 6th client action of the day on one invoice (test/e2e/portal-flood.test.ts). */
const RATE_LIMITED = {
  type: 'https://relances.dev/problems/portal-rate-limit',
  title: 'Too many requests',
  status: 429,
  detail: 'Too many requests on this invoice today: try again tomorrow, or contact the company',
};
/** As API Gateway's own throttle answers: no problem+json, no detail. */
const THROTTLED = { message: 'Too Many Requests' };

const renderPortal = (language: 'fr' | 'en', refusal: unknown) => {
  fakeApi(({ method, path }) =>
    method === 'GET' && path === '/portal/tok1' ? { status: 200, body: portal(language) } : method === 'POST' ? { status: 429, body: refusal } : undefined,
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={['/p/tok1']}>
        <Routes>
          <Route path="/p/:token" element={<PortalScreen />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
};

describe('the client portal refused for too many actions (429)', () => {
  it('tells a French client, politely, to come back tomorrow or contact the company, where they tapped', async () => {
    renderPortal('fr', RATE_LIMITED);
    const dispute = await screen.findByRole('form', { name: 'Je conteste cette facture' });
    await userEvent.type(within(dispute).getByLabelText('Motif'), 'Travaux non terminés');
    await userEvent.click(within(dispute).getByRole('button', { name: 'Envoyer ma contestation' }));
    expect(plain((await within(dispute).findByRole('alert')).textContent)).toBe('Trop de demandes aujourd’hui pour cette facture : réessayez demain ou contactez l’entreprise.');
  });

  it('tells an English client in English', async () => {
    renderPortal('en', RATE_LIMITED);
    const dispute = await screen.findByRole('form', { name: 'I dispute this invoice' });
    await userEvent.type(within(dispute).getByLabelText('Reason'), 'Work not finished');
    await userEvent.click(within(dispute).getByRole('button', { name: 'Send my dispute' }));
    expect((await within(dispute).findByRole('alert')).textContent).toBe('Too many requests on this invoice today: please try again tomorrow, or contact the company.');
  });

  it('says the same kind of thing, not "HTTP 429", when the gateway throttles without a problem+json', async () => {
    renderPortal('fr', THROTTLED);
    const dispute = await screen.findByRole('form', { name: 'Je conteste cette facture' });
    await userEvent.type(within(dispute).getByLabelText('Motif'), 'Travaux non terminés');
    await userEvent.click(within(dispute).getByRole('button', { name: 'Envoyer ma contestation' }));
    expect(plain((await within(dispute).findByRole('alert')).textContent)).toBe('Trop de demandes pour le moment : réessayez dans quelques minutes.');
  });
});
