import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import SimulationScreen from './simulation-screen';

describe('an empty simulation', () => {
  it('says where reminders come from and leads to the invoices, rather than only "nothing planned"', async () => {
    fakeApi(({ path }) => {
      if (path.startsWith('/reminders/simulation')) return { status: 200, body: { from: '2026-11-26', to: '2026-12-26', items: [] } };
      if (path === '/scenarios' || path === '/templates') return { status: 200, body: { items: [] } };
      return undefined;
    });
    renderInApp(<SimulationScreen />);
    expect(await screen.findByText('Aucune relance prévue sur cette période.')).toBeTruthy();
    expect(screen.getByText('Les relances viennent des factures envoyées et non payées : élargissez les dates, ou envoyez une facture.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Voir les factures' }).getAttribute('href')).toBe('/invoices?tab=all');
  });
});
