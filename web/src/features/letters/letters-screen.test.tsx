import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import type { LetterToPost } from './api';
import LettersScreen from './letters-screen';

const letter = (over: Partial<LetterToPost> = {}): LetterToPost => ({
  invoiceId: 'inv1',
  invoiceNumber: 'F-2026-0007',
  stepId: 'lettre',
  clientName: 'Garage Lefèvre',
  address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris', country: 'FR' },
  amountCents: 132_000,
  producedAt: '2026-11-20T08:00:00.000Z',
  letterSha256: 'a'.repeat(64),
  pdfUrl: '/invoices/inv1/reminders/lettre/letter.pdf',
  ...over,
});
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('letters to post', () => {
  it('explains what the screen is for when no letter waits', async () => {
    fakeApi(({ path }) => (path === '/reminders/to-post' ? { status: 200, body: { items: [] } } : undefined));
    renderInApp(<LettersScreen />);
    expect(await screen.findByText('Aucun courrier à poster.')).toBeTruthy();
    expect(screen.getByText(/canal « Courrier »/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Voir les scénarios' }).getAttribute('href')).toBe('/scenarios');
  });

  it('lists each letter with its address and amount, and closes one as posted with its tracking number', async () => {
    let items = [letter(), letter({ invoiceId: 'inv2', invoiceNumber: 'F-2026-0009', clientName: 'Café des Sports', address: undefined })];
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/reminders/to-post') return { status: 200, body: { items } };
      if (method === 'POST' && path === '/invoices/inv1/reminders/lettre/posted') {
        items = items.slice(1);
        return { status: 200, body: { stepId: 'lettre', templateId: 'formal-notice', state: 'sent', channel: 'letter', trackingNumber: '1A 234 567 8901 2' } };
      }
      return undefined;
    });
    renderInApp(<LettersScreen />);
    expect(await screen.findByText('2 courriers à poster')).toBeTruthy();
    const cards = screen.getAllByTestId('letter');
    expect(within(cards[0]!).getByRole('heading', { name: 'Lettre pour Garage Lefèvre' })).toBeTruthy();
    expect(plain(cards[0]!.textContent)).toContain('1 320,00 €');
    expect(plain(cards[0]!.querySelector('address')?.textContent)).toBe('Garage Lefèvre12 rue des Lilas75011 Paris');
    expect(within(cards[0]!).getByRole('button', { name: 'Lettre F-2026-0007 (PDF)' })).toBeTruthy();
    expect(within(cards[0]!).getByRole('link', { name: 'F-2026-0007' }).getAttribute('href')).toBe('/invoices/inv1');
    // No address on the client: said, so the owner completes it first.
    expect(within(cards[1]!).getByText(/Pas d’adresse/)).toBeTruthy();

    const form = screen.getByRole('form', { name: 'Marquer la lettre F-2026-0007 comme postée' });
    await userEvent.type(within(form).getByLabelText('N° de recommandé (facultatif)'), '  1A 234 567 8901 2 ');
    await userEvent.click(within(form).getByRole('button', { name: 'Marquer comme posté' }));
    expect(await screen.findByText('Lettre F-2026-0007 enregistrée comme postée.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', path: '/invoices/inv1/reminders/lettre/posted', body: { trackingNumber: '1A 234 567 8901 2' } });
    // The list is read again: the posted letter is gone.
    await waitFor(() => expect(screen.getAllByTestId('letter')).toHaveLength(1));
    expect(screen.getByText('1 courrier à poster')).toBeTruthy();
    // The posted letter's button went away with its card: the focus is on what was said, not lost to the page's top.
    expect(document.activeElement?.textContent).toBe('Lettre F-2026-0007 enregistrée comme postée.');
  });

  it('posts without a number when none is given; an API error naming the field shows under it', async () => {
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/reminders/to-post') return { status: 200, body: { items: [letter()] } };
      if (method === 'POST') return { status: 409, body: { title: 'Conflict', status: 409, detail: 'Already posted with another number', errors: [{ path: 'body.trackingNumber', message: 'already posted as 9Z' }] } };
      return undefined;
    });
    renderInApp(<LettersScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Marquer comme posté' }));
    const input = screen.getByLabelText('N° de recommandé (facultatif)');
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(input.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe('already posted as 9Z');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({});
  });

  it('refuses a tracking number longer than 40 characters before the API', async () => {
    const calls = fakeApi(({ path }) => (path === '/reminders/to-post' ? { status: 200, body: { items: [letter()] } } : undefined));
    renderInApp(<LettersScreen />);
    await userEvent.type(await screen.findByLabelText('N° de recommandé (facultatif)'), 'X'.repeat(41));
    await userEvent.click(screen.getByRole('button', { name: 'Marquer comme posté' }));
    expect(await screen.findByText('40 caractères au plus')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
  it('shows a letter listing several invoices of one client once, with every number, and says so when posted', async () => {
    const grouped = letter({ letterId: 'L1', invoiceNumbers: ['F-2026-0007', 'F-2026-0008', 'F-2026-0011'], amountCents: 350_000 });
    let items = [grouped];
    fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/reminders/to-post') return { status: 200, body: { items } };
      if (method === 'POST' && path === '/invoices/inv1/reminders/lettre/posted') {
        items = [];
        return { status: 200, body: { stepId: 'lettre', templateId: 'formal-notice', state: 'sent', channel: 'letter' } };
      }
      return undefined;
    });
    renderInApp(<LettersScreen />);
    const card = (await screen.findAllByTestId('letter'))[0]!;
    expect(screen.getByText('1 courrier à poster')).toBeTruthy();
    expect(within(card).getByText('Factures (une seule lettre)')).toBeTruthy();
    expect(plain(card.textContent)).toContain('F-2026-0007, F-2026-0008, F-2026-0011');
    expect(plain(card.textContent)).toContain('3 500,00 €');
    expect(within(card).getByRole('button', { name: 'Lettre F-2026-0007, F-2026-0008, F-2026-0011 (PDF)' })).toBeTruthy();
    await userEvent.click(within(card).getByRole('button', { name: 'Marquer comme posté' }));
    expect(await screen.findByText('Lettre F-2026-0007, F-2026-0008, F-2026-0011 enregistrée comme postée.')).toBeTruthy();
  });

  it('withdraws a letter the owner will not post, after asking', async () => {
    let items = [letter(), letter({ invoiceId: 'inv2', invoiceNumber: 'F-2026-0009' })];
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/reminders/to-post') return { status: 200, body: { items } };
      if (method === 'POST' && path === '/invoices/inv2/reminders/lettre/cancel') {
        items = items.slice(0, 1);
        return { status: 200, body: { stepId: 'lettre', templateId: 'formal-notice', state: 'cancelled', reason: 'owner_cancelled', channel: 'letter' } };
      }
      return undefined;
    });
    const asked: string[] = [];
    const confirm = window.confirm;
    window.confirm = (message?: string) => (asked.push(message ?? ''), true);
    try {
      renderInApp(<LettersScreen />);
      await userEvent.click(await screen.findByRole('button', { name: 'Ne pas l’envoyer (lettre F-2026-0009)' }));
      expect(await screen.findByText('Lettre F-2026-0009 annulée : elle ne sera pas envoyée.')).toBeTruthy();
      expect(asked).toHaveLength(1);
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/invoices/inv2/reminders/lettre/cancel']);
      await waitFor(() => expect(screen.getAllByTestId('letter')).toHaveLength(1));
    } finally {
      window.confirm = confirm;
    }
  });
});

