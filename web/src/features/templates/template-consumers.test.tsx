import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import TemplateScreen from './routes/template-screen';

/**
 * A text that reaches consumers (a consumers' template, the thank-you, a payment plan's reminders) may not claim the late
 * penalties nor the €40 (the API refuses it on saving, 422 penalties-for-consumer): the picker offered their variables
 * all the same. And the thank-you goes without any attachment (shared/app/thank-you.ts): its PDF and letter boxes did nothing.
 */
const variables = { clientName: 'Boulangerie Dupont', balanceAmount: '820,00 €', penaltiesAmount: '3,10 €', penaltyRate: '12,15 %', indemnityAmount: '40,00 €' };
const open = (template: Record<string, unknown>) => {
  fakeApi(({ method, path }) => {
    if (method === 'GET' && path === `/templates/${template.id as string}`) return { status: 200, body: template };
    if (method === 'GET' && path.startsWith('/invoices')) return { status: 200, body: { items: [{ id: 'inv1', number: 'F-2026-0001', clientId: 'c1' }] } };
    if (method === 'GET' && path.startsWith('/clients')) return { status: 200, body: { items: [{ id: 'c1', name: 'Boulangerie Dupont', kind: 'business' }] } };
    if (method === 'POST' && path.endsWith('/preview')) return { status: 200, body: { subject: 'Merci', body: 'Merci', variables } };
    return undefined;
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[`/templates/${template.id as string}`]}>
        <Routes>
          <Route path="/templates/:id" element={<TemplateScreen />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
};
const base = { language: 'fr', subject: 'Facture {{invoiceNumber}}', body: 'Bonjour {{clientName}},', attachInvoicePdf: false, letter: false };
const PENALTIES = ['penaltiesAmount', 'penaltyRate', 'indemnityAmount'];
/** The penalty variables the picker offers (once it lists the balance). */
const penaltyChips = async () => {
  await screen.findByRole('button', { name: /\{\{balanceAmount\}\}/ });
  return within(screen.getByTestId('variable-picker'))
    .getAllByRole('button')
    .map((b) => /\{\{(\w+)\}\}/.exec(b.textContent ?? '')![1]!)
    .filter((name) => PENALTIES.includes(name));
};

describe('the template editor, for a text that reaches consumers', () => {
  it('offers no penalty variable for the thank-you, and no attachment', async () => {
    open({ ...base, id: 'thank-you', name: 'Remerciement après paiement', tone: 'courtesy', purpose: 'thank-you' });
    expect(await penaltyChips()).toEqual([]);
    expect(screen.queryByLabelText('Joindre la facture (PDF)')).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.getByText('Le remerciement part sans pièce jointe.')).toBeTruthy();
  });

  it('offers no penalty variable for a payment plan’s reminder, its attachments kept', async () => {
    open({ ...base, id: 'instalment-late', name: 'Échéancier : échéance manquée', tone: 'reminder', purpose: 'instalment', attachInvoicePdf: true });
    expect(await penaltyChips()).toEqual([]);
    expect(screen.getAllByRole('checkbox').length).toBe(2);
  });

  it('drops them once the template is set for consumers', async () => {
    open({ ...base, id: 'tpl-own', name: 'Mon rappel', tone: 'reminder', purpose: 'reminder' });
    expect((await penaltyChips()).sort()).toEqual([...PENALTIES].sort());
    await userEvent.selectOptions(screen.getByLabelText('Clients'), 'consumer');
    expect(await penaltyChips()).toEqual([]);
  });

  it('keeps them for a business template', async () => {
    open({ ...base, id: 'firm', name: 'Relance ferme (J+8)', tone: 'firm', kind: 'business', purpose: 'reminder' });
    expect((await penaltyChips()).sort()).toEqual([...PENALTIES].sort());
  });
});
