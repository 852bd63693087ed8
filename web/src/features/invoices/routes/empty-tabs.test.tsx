import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import InvoicesScreen from './invoices-screen';
import { plain } from '../../../test/plain';

describe('an empty tab of the follow-up list', () => {
  it('says why it is empty and what fills it, and with filters on offers to clear them rather than to create an invoice', async () => {
    fakeApi(({ path }) =>
      // The tenant has invoices (the unfiltered list), none in these tabs.
      path === '/invoices?limit=1'
        ? { status: 200, body: { items: [{ id: 'paid1' }] } }
        : path.startsWith('/invoices')
          ? { status: 200, body: { items: [] } }
          : path.startsWith('/clients')
            ? { status: 200, body: { items: [{ id: 'c1', name: 'Boulangerie Dupont SARL' }] } }
            : undefined,
    );
    renderInApp(<InvoicesScreen />);
    expect(await screen.findByText('Rien à relancer.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Voir la simulation' }).getAttribute('href')).toBe('/simulation');
    expect(screen.queryByText('Aucune facture ici.')).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: 'Contentieux' }));
    expect(await screen.findByText('Aucune facture en contentieux.')).toBeTruthy();
    await userEvent.click(screen.getByRole('tab', { name: 'Brouillons' }));
    expect(await screen.findByText('Aucun brouillon.')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'Nouvelle facture' }).length).toBe(2);
    // A client filter: the tab is not empty, the filter hides it.
    await waitFor(() => expect(screen.getByRole('option', { name: 'Boulangerie Dupont SARL' })).toBeTruthy());
    await userEvent.selectOptions(screen.getByLabelText('Client'), 'c1');
    expect(await screen.findByText('Aucune facture de cet onglet avec ces filtres.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Effacer les filtres' }));
    expect(await screen.findByText('Aucun brouillon.')).toBeTruthy();
    expect((screen.getByLabelText('Client') as HTMLSelectElement).value).toBe('');
    // The button went with the filters: the focus is on the first filter, not dropped to the page's top.
    expect(document.activeElement).toBe(screen.getByLabelText('Client'));
    await userEvent.click(screen.getByRole('tab', { name: 'Toutes' }));
    expect(await screen.findByText('Aucune facture ici.')).toBeTruthy();
  });

  it('tells a tenant without any invoice yet to create one, on every tab (not to look at an empty simulation)', async () => {
    fakeApi(({ path }) => (path.startsWith('/invoices') || path.startsWith('/clients') ? { status: 200, body: { items: [] } } : undefined));
    renderInApp(<InvoicesScreen />);
    expect(await screen.findByText('Aucune facture ici.')).toBeTruthy();
    expect(screen.queryByText('Rien à relancer.')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Voir la simulation' })).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: 'En retard' }));
    expect(await screen.findByText('Aucune facture ici.')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'Nouvelle facture' }).map((a) => a.getAttribute('href'))).toContain('/invoices/new');
  });

  it('with only drafts, says on an empty tab that a draft is followed once sent and leads to the drafts (not to an empty simulation)', async () => {
    fakeApi(({ path }) =>
      path === '/invoices?status=draft&limit=1' || path === '/invoices?limit=1'
        ? { status: 200, body: { items: [{ id: 'draft1' }] } }
        : path.startsWith('/invoices?status=draft')
          ? { status: 200, body: { items: [{ id: 'draft1', clientId: 'c1', status: 'draft', issueDate: '2026-11-26', dueDate: '2026-12-26', currency: 'EUR', totals: { netCents: 100_000, vatCents: 20_000, grossCents: 120_000 }, paidCents: 0, creditedCents: 0, balanceCents: 120_000, overdue: false, daysLate: 0 }] } }
          : path.startsWith('/invoices')
            ? { status: 200, body: { items: [] } }
            : path.startsWith('/clients')
              ? { status: 200, body: { items: [{ id: 'c1', name: 'Boulangerie Dupont SARL' }] } }
              : undefined,
    );
    renderInApp(<InvoicesScreen />);
    expect(await screen.findByText('Rien à relancer.')).toBeTruthy();
    expect(plain((await screen.findByTestId('drafts-waiting')).textContent)).toBe('Vous avez des brouillons pas encore envoyés : une facture n’est suivie et relancée qu’une fois envoyée.');
    expect(screen.queryByRole('link', { name: 'Voir la simulation' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Voir les brouillons' }));
    expect((await screen.findByRole('tab', { name: 'Brouillons' })).getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByText('Boulangerie Dupont SARL', { selector: 'td *, td' })).toBeTruthy();
    expect(screen.queryByTestId('drafts-waiting')).toBeNull();
  });

  it('puts the focus back in the search field when "Effacer la recherche" clears a search that found nothing', async () => {
    fakeApi(({ path }) =>
      path === '/invoices?limit=1'
        ? { status: 200, body: { items: [{ id: 'paid1' }] } }
        : path.startsWith('/invoices') || path.startsWith('/clients')
          ? { status: 200, body: { items: [] } }
          : undefined,
    );
    renderInApp(<InvoicesScreen />);
    await userEvent.type(await screen.findByLabelText('Rechercher un n° ou un client'), 'zzz');
    const clear = await screen.findByRole('button', { name: 'Effacer la recherche' }, { timeout: 3000 });
    await userEvent.click(clear);
    const field = screen.getByLabelText('Rechercher un n° ou un client') as HTMLInputElement;
    await waitFor(() => expect(field.value).toBe(''));
    expect(document.activeElement).toBe(field);
  });
});
