import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Client } from '../api';
import { RemindersSwitch } from './reminders-switch';

const client = { id: 'c1', name: 'Boulangerie Pichon', kind: 'business', email: 'compta@pichon.test', remindersEnabled: true } as unknown as Client;

describe('the client’s reminders switch', () => {
  it('says the client’s reminders are on, and that nothing goes while the program is switched off in the settings', async () => {
    fakeApi((r) => (r.path === '/settings' ? { status: 200, body: { remindersEnabled: false } } : undefined));
    renderInApp(<RemindersSwitch client={client} />);
    expect(screen.getByText('Relances automatiques : actives')).toBeTruthy();
    expect((await screen.findByTestId('program-off')).textContent).toMatch(/arrêtées pour tous vos clients dans les réglages/);
    expect(screen.getByRole('link', { name: 'Ouvrir les réglages' }).getAttribute('href')).toBe('/settings');
  });

  it('says nothing more when the program runs', async () => {
    const calls = fakeApi((r) => (r.path === '/settings' ? { status: 200, body: { remindersEnabled: true } } : undefined));
    renderInApp(<RemindersSwitch client={client} />);
    await screen.findByText('Relances automatiques : actives');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.some((c) => c.path === '/settings')).toBe(true);
    expect(screen.queryByTestId('program-off')).toBeNull();
  });
});
