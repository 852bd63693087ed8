import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../../test/render';
import { HoldNotice } from '../routes/invoice-screen';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('why the reminders of an invoice wait', () => {
  it('says the client claims a payment, with the reference, and the pause in words rather than its code', () => {
    renderInApp(
      <HoldNotice
        invoice={{ status: 'sent', disputed: false, remindersPaused: true, pausedUntil: '2026-12-02', pauseReason: 'paid_claimed', paidClaim: { at: '2026-11-25T10:00:00.000Z', date: '2026-11-24', reference: 'VIR-889' } }}
      />,
    );
    const lines = Array.from(screen.getByTestId('hold-notice').querySelectorAll('p')).map((p) => plain(p.textContent));
    expect(lines).toEqual([
      'Le client dit avoir payé le 24 nov. 2026 (référence VIR-889) : vérifiez votre compte, puis enregistrez le paiement.',
      'Relances suspendues, reprise le 2 déc. 2026 — le client dit avoir payé',
    ]);
  });

  it('says a promise, keeps the owner’s own reason as written, and shows nothing when nothing holds the reminders', () => {
    const { unmount } = renderInApp(<HoldNotice invoice={{ status: 'sent', disputed: false, remindersPaused: true, pausedUntil: '2026-12-11', pauseReason: 'promise', promisedFor: '2026-12-10' }} />);
    expect(plain(screen.getByTestId('hold-notice').textContent)).toBe('Le client a promis de payer le 10 déc. 2026Relances suspendues, reprise le 11 déc. 2026 — promesse du client');
    unmount();
    const own = renderInApp(<HoldNotice invoice={{ status: 'sent', disputed: false, remindersPaused: true, pauseReason: 'Chantier en cours' }} />);
    expect(plain(screen.getByTestId('hold-notice').textContent)).toBe('Relances suspendues — Chantier en cours');
    own.unmount();
    renderInApp(<HoldNotice invoice={{ status: 'paid', disputed: false, remindersPaused: false, paidClaim: { at: '2026-11-25T10:00:00.000Z', date: '2026-11-24' } }} />);
    expect(screen.queryByTestId('hold-notice')).toBeNull();
  });

  it('stops asking to record the payment the client claims once a payment was recorded after the claim', () => {
    const claimed = { status: 'sent', disputed: false, remindersPaused: true, pausedUntil: '2026-12-02', pauseReason: 'paid_claimed', paidClaim: { at: '2026-11-25T10:00:00.000Z', date: '2026-11-24', reference: 'VIR-889' } } as const;
    // A payment recorded before the claim does not answer it.
    const { unmount } = renderInApp(<HoldNotice invoice={claimed} payments={[{ createdAt: '2026-11-20T09:00:00.000Z' }]} />);
    expect(plain(screen.getByTestId('hold-notice').textContent)).toContain('vérifiez votre compte, puis enregistrez le paiement');
    unmount();
    // One recorded after it does (part of the balance, an instalment, is enough: the owner checked the account); the pause stays said.
    const after = renderInApp(<HoldNotice invoice={claimed} payments={[{ createdAt: '2026-11-25T15:30:00.000Z' }]} />);
    expect(Array.from(screen.getByTestId('hold-notice').querySelectorAll('p')).map((p) => plain(p.textContent))).toEqual(['Relances suspendues, reprise le 2 déc. 2026 — le client dit avoir payé']);
    after.unmount();
    // A payment recorded then removed does not.
    renderInApp(<HoldNotice invoice={claimed} payments={[{ createdAt: '2026-11-25T15:30:00.000Z', removedAt: '2026-11-25T15:31:00.000Z' }]} />);
    expect(plain(screen.getByTestId('hold-notice').textContent)).toContain('vérifiez votre compte');
  });
  it('never says the reminders resume on the pause’s end date while the invoice is disputed: the dispute still holds them then', () => {
    const held = { status: 'partially_paid', disputed: true, disputeReason: 'Fuite après intervention', remindersPaused: true, pausedUntil: '2026-12-16', pauseReason: 'promise', promisedFor: '2026-12-15' } as const;
    const { unmount } = renderInApp(<HoldNotice invoice={held} />);
    const lines = Array.from(screen.getByTestId('hold-notice').querySelectorAll('p')).map((p) => plain(p.textContent));
    expect(lines).toEqual([
      'Le client a promis de payer le 15 déc. 2026',
      'Relances suspendues — promesse du client',
      'Contestée : Fuite après intervention',
      'Aucune relance ne part tant que le litige n’est pas résolu, même après la fin de la suspension.',
    ]);
    expect(plain(screen.getByTestId('hold-notice').textContent)).not.toContain('reprise le');
    unmount();
    // The dispute resolved: the pause's end date is said again.
    renderInApp(<HoldNotice invoice={{ ...held, disputed: false }} />);
    expect(Array.from(screen.getByTestId('hold-notice').querySelectorAll('p')).map((p) => plain(p.textContent))).toEqual([
      'Le client a promis de payer le 15 déc. 2026',
      'Relances suspendues, reprise le 16 déc. 2026 — promesse du client',
    ]);
  });

  it('says the client’s automatic reminders are off, with the way to the client, and never a resume date they will not keep', () => {
    // The client switched off on its page while a promise paused the invoice: the pause ends, nothing goes out by itself.
    const paused = { status: 'sent', disputed: false, remindersPaused: true, pausedUntil: '2026-12-11', pauseReason: 'promise', promisedFor: '2026-12-10' } as const;
    const { unmount } = renderInApp(<HoldNotice invoice={paused} clientRemindersOff="cli-1" />);
    expect(Array.from(screen.getByTestId('hold-notice').querySelectorAll('p')).map((p) => plain(p.textContent))).toEqual([
      'Le client a promis de payer le 10 déc. 2026',
      'Relances suspendues — promesse du client',
      'Relances automatiques désactivées pour ce client : aucune relance ne part d’elle-même (« Relancer maintenant » reste possible). Voir le client',
    ]);
    expect(screen.getByRole('link', { name: 'Voir le client' }).getAttribute('href')).toBe('/clients/cli-1');
    unmount();
    // Not paused at all: it said nothing, the plan's steps cancelled far below.
    const open = renderInApp(<HoldNotice invoice={{ status: 'partially_paid', disputed: false, remindersPaused: false }} clientRemindersOff="cli-1" />);
    expect(screen.getByTestId('client-reminders-off')).toBeTruthy();
    open.unmount();
    // Paid, or a client whose reminders are on: nothing to say.
    const paid = renderInApp(<HoldNotice invoice={{ status: 'paid', disputed: false, remindersPaused: false }} clientRemindersOff="cli-1" />);
    expect(screen.queryByTestId('hold-notice')).toBeNull();
    paid.unmount();
    renderInApp(<HoldNotice invoice={paused} />);
    expect(screen.queryByTestId('client-reminders-off')).toBeNull();
    expect(plain(screen.getByTestId('hold-notice').textContent)).toContain('reprise le 11 déc. 2026');
  });
});
