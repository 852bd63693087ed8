import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import { SettingsSection, type SettingSection } from './more-settings';

/** The settings' smaller sections (payment, notifications, …): a refused field kept no focus, it stayed on "Enregistrer" below. */
const section: SettingSection = {
  id: 'payment',
  title: 'Paiement',
  fields: [
    { path: 'paymentUrl', label: 'Lien de paiement en ligne', kind: 'url', nullable: true },
    { path: 'replyToEmail', label: 'Adresse de réponse des relances', kind: 'email', nullable: true },
    { path: 'graceDaysAfterPayment', label: 'Délai après un paiement (jours)', kind: 'int', min: 0, max: 30 },
  ],
};
const settings = { graceDaysAfterPayment: 3 };

describe('a settings section refused', () => {
  it('puts the focus on the field its own check refuses', async () => {
    const calls = fakeApi(() => undefined);
    renderInApp(<SettingsSection section={section} settings={settings} />);
    const grace = screen.getByLabelText('Délai après un paiement (jours)');
    await userEvent.clear(grace);
    await userEvent.type(grace, '400');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(document.activeElement).toBe(grace));
    expect(grace.getAttribute('aria-invalid')).toBe('true');
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);
  });

  it('puts the focus on the first field the API refuses, its error under it', async () => {
    fakeApi(({ method }) =>
      method === 'PUT'
        ? {
            status: 400,
            body: {
              type: 'https://relances.dev/problems/validation',
              status: 400,
              title: 'Invalid request',
              errors: [
                { path: 'body.paymentUrl', message: 'must be an https:// URL' },
                { path: 'body.replyToEmail', message: 'must be an email address' },
              ],
            },
          }
        : undefined,
    );
    renderInApp(<SettingsSection section={section} settings={settings} />);
    const link = screen.getByLabelText('Lien de paiement en ligne');
    await userEvent.type(link, 'ftp://pay.test');
    await userEvent.type(screen.getByLabelText('Adresse de réponse des relances'), 'pas-un-email');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(link.getAttribute('aria-invalid')).toBe('true'));
    await waitFor(() => expect(document.activeElement).toBe(link));
  });
});
