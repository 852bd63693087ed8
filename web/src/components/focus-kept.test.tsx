import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { describe, expect, it } from 'vitest';
import { useKeepFocusOnScreen } from './focus-heading';

/** A quote's status buttons: pressing one replaces it with the next step's (as "Envoyer le devis" → "Accepté par le client"). */
const Quote = () => {
  const [status, setStatus] = useState<'draft' | 'sent' | 'accepted'>('draft');
  return (
    <>
      <h1>Devis D-2026-0001</h1>
      <p>{status}</p>
      {status === 'draft' && (
        <button type="button" onClick={() => setStatus('sent')}>
          Envoyer le devis
        </button>
      )}
      {status === 'sent' && (
        <button type="button" onClick={() => setStatus('accepted')}>
          Accepté par le client
        </button>
      )}
      <button type="button">Plus tard</button>
    </>
  );
};

const Shell = () => {
  useKeepFocusOnScreen();
  return (
    <main id="main" tabIndex={-1}>
      <Quote />
    </main>
  );
};

/** "Relancer maintenant": a dialog (in a portal, outside main) whose send button is replaced by the result. */
const RemindDialog = () => {
  const [sent, setSent] = useState(false);
  return (
    <>
      <main id="main" tabIndex={-1}>
        <h1>Facture F-2026-0001</h1>
        <a href="/clients/1">Boulangerie Dupont</a>
      </main>
      {createPortal(
        <div role="dialog" aria-label="Relancer maintenant">
          <button type="button">Fermer</button>
          {sent ? <p role="status">Relance envoyée.</p> : <button type="button" onClick={() => setSent(true)}>Envoyer la relance</button>}
        </div>,
        document.body,
      )}
    </>
  );
};
const DialogShell = () => {
  useKeepFocusOnScreen();
  return <RemindDialog />;
};

describe('the focus when the control that had it goes away', () => {
  it('stays in the dialog still open when the pressed button is replaced by its result (not the heading behind the modal)', async () => {
    render(<DialogShell />);
    const user = userEvent.setup();
    screen.getByRole('button', { name: 'Envoyer la relance' }).focus();
    await user.keyboard('{Enter}');
    await screen.findByText('Relance envoyée.');
    const dialog = screen.getByRole('dialog', { name: 'Relancer maintenant' });
    await waitFor(() => expect(document.activeElement).toBe(dialog));
    expect(document.activeElement).not.toBe(screen.getByRole('heading', { level: 1 }));
  });

  it('goes to the screen’s heading, not to the top of the page (where the next Tab would start again from the skip link)', async () => {
    render(<Shell />);
    const user = userEvent.setup();
    screen.getByRole('button', { name: 'Envoyer le devis' }).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('button', { name: 'Accepté par le client' });
    const heading = screen.getByRole('heading', { level: 1, name: 'Devis D-2026-0001' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(heading.getAttribute('tabindex')).toBe('-1');
    // The next control is one Tab away.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Accepté par le client' }));
  });

  it('leaves alone a focus the user moved elsewhere, and a control that is still there', async () => {
    render(<Shell />);
    const user = userEvent.setup();
    const later = screen.getByRole('button', { name: 'Plus tard' });
    await user.click(screen.getByRole('button', { name: 'Envoyer le devis' }));
    later.focus();
    await user.click(screen.getByRole('button', { name: 'Accepté par le client' }));
    await screen.findByText('accepted');
    // The pressed button went away; the focus it had went to the heading. Then a click on "Plus tard" keeps it there.
    await user.click(later);
    await new Promise((r) => setTimeout(r, 20));
    expect(document.activeElement).toBe(later);
  });
});
