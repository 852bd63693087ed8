import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import type { Portal } from './plan-request';
import PortalScreen from './portal-screen';

/** A seller whose name starts with a vowel: French elides "de" and "que" before it, so the texts never put them there. */
const portal = {
  language: 'fr',
  seller: { name: 'Électricité Hélène Lefèvre', siren: '552100554' },
  client: { name: 'Boulangerie Dupré' },
  invoice: {
    number: 'F-2026-0003',
    issueDate: '2026-11-27',
    dueDate: '2026-12-27',
    currency: 'EUR',
    lines: [{ description: 'Four à pain', quantity: 1, unitPriceCents: 100_000, vatRate: 20 }],
    totals: { netCents: 100_000, vatCents: 20_000, grossCents: 120_000, vatBreakdown: [] },
    paidCents: 0,
    creditedCents: 0,
    balanceCents: 120_000,
    status: 'sent',
    overdue: false,
    daysLate: 0,
  },
  payments: [],
  payment: { reference: 'F-2026-0003', iban: 'FR7630006000011234567890189' },
  reminders: { paused: false, disputed: false },
  actions: { claimPaid: true, promise: true, dispute: true, planRequest: false },
} as unknown as Portal;

describe('the client portal of a seller named with a vowel first', () => {
  it('reads as French: never "de Électricité" nor "que Électricité" (it opened the client’s first screen)', async () => {
    fakeApi(({ method, path }) => (method === 'GET' && path === '/portal/tok1' ? { status: 200, body: portal } : undefined));
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/p/tok1']}>
          <Routes>
            <Route path="/p/:token" element={<PortalScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Émise par Électricité Hélène Lefèvre')).toBeTruthy();
    await screen.findByText(/Indiquez quand vous avez payé/);
    const body = document.body.textContent ?? '';
    expect(body).not.toMatch(/\b(de|que) Électricité/);
    expect(body).toContain('le temps pour Électricité Hélène Lefèvre de le vérifier');
  });
});
