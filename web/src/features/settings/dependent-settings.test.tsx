import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render';
import { SettingsSection, useSections } from './more-settings';

/**
 * A setting that only acts under another one (the partial thank-you under the thank-you, the overview's hour under the
 * overview) could be ticked while that one was off: the API then sends nothing (shared/app/thank-you.ts returns at once
 * without `thankOnPayment`), and the screen said nothing of it.
 */
const Sections = ({ settings, id }: { settings: Record<string, unknown>; id: string }) => {
  const section = useSections(settings).find((s) => s.id === id)!;
  return <SettingsSection section={section} settings={settings} />;
};

describe('settings that only act under another one', () => {
  it('greys the partial and "only if reminded" thank-yous while the thank-you is off, and gives them back when it is ticked', async () => {
    const settings = { thankOnPayment: false, thankOnPartial: true, thankOnlyIfReminded: false, litigationAfterDays: 15 };
    renderInApp(<Sections settings={settings} id="endgame" />);
    const thank = screen.getByRole('checkbox', { name: 'Remercier le client quand la facture est payée' });
    const partial = screen.getByRole('checkbox', { name: /chaque paiement partiel/ });
    const reminded = screen.getByRole('checkbox', { name: /relancée/ });
    expect((partial as HTMLInputElement).disabled).toBe(true);
    expect((partial as HTMLInputElement).checked).toBe(true); // its value is kept
    expect((reminded as HTMLInputElement).disabled).toBe(true);
    await userEvent.click(thank);
    expect((partial as HTMLInputElement).disabled).toBe(false);
    expect((reminded as HTMLInputElement).disabled).toBe(false);
  });

  it('greys the overview hour while the daily overview is off', async () => {
    const settings = { notifications: { instant: true, dailyOverview: false, overviewHour: 7 } };
    renderInApp(<Sections settings={settings} id="notifications" />);
    const hour = screen.getByLabelText('Heure du point du jour');
    expect((hour as HTMLInputElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('checkbox', { name: /Recevoir le point du jour/ }));
    expect((hour as HTMLInputElement).disabled).toBe(false);
  });
});
