import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import { Timeline } from './timeline';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const at = '2026-11-25T10:00:00.000Z';

describe('the invoice’s history', () => {
  it('says what each event carries, in words', async () => {
    fakeApi(({ path }) =>
      path.startsWith('/invoices/inv1/timeline')
        ? {
            status: 200,
            body: {
              items: [
                { at, type: 'invoice.status_changed', data: { from: 'sent', to: 'partially_paid' } },
                { at, type: 'payment.recorded', data: { date: '2026-11-25', amountCents: 50_000, method: 'transfer', paymentId: 'p1' } },
                { at, type: 'reminder.cancelled', data: { stepId: 'j+8', plan: 1, reason: 'paused' } },
                { at, type: 'portal.paid_claimed', data: { date: '2026-11-24', reference: 'VIR-889' } },
                { at, type: 'portal.disputed', data: { reason: 'Le chauffe-eau fuit encore' } },
                { at, type: 'portal.viewed', data: {} },
                { at, type: 'email.delivered', data: { messageId: 'm1', stepId: 'j+1' } },
                { at, type: 'email.bounced', data: { messageId: 'm2', stepId: 'j+8', bounceType: 'Permanent' } },
                { at, type: 'credit_note.email_failed', data: { number: 'A-2026-0003', creditNote: 'A-2026-0003' } },
                { at, type: 'credit_note.sent', data: { creditNote: 'A-2026-0003', to: 'compta@dupont.test', messageId: 'm3' } },
              ],
            },
          }
        : undefined,
    );
    renderInApp(<Timeline invoiceId="inv1" />);
    const items = within(await screen.findByRole('list')).getAllByRole('listitem').map((li) => plain(li.textContent).replace(/^.*?\d\d:\d\d/, ''));
    expect(items).toEqual([
      'Statut modifié — Envoyée → Partiellement payée',
      'Paiement enregistré — 500,00 € · 25 nov. 2026 · Virement',
      'Relance annulée — J+8 · relances suspendues',
      'Le client dit avoir payé — 24 nov. 2026 · VIR-889',
      'Le client conteste la facture — Le chauffe-eau fuit encore',
      'Le client a ouvert le portail',
      'E-mail délivré au serveur du client — J+1',
      'E-mail non distribué — J+8',
      'Échec de l’envoi de l’avoir — A-2026-0003',
      'Avoir envoyé au client par e-mail — A-2026-0003 · compta@dupont.test',
    ]);
  });

  it('says the note typed with a promise or a payment plan, and the client’s message with a plan request (they were shown nowhere)', async () => {
    fakeApi(({ path }) =>
      path.startsWith('/invoices/inv1/timeline')
        ? {
            status: 200,
            body: {
              items: [
                { at, type: 'invoice.promised', data: { date: '2026-12-10', note: 'Au téléphone, paiera après son chantier' } },
                { at, type: 'plan.requested', data: { instalments: [], note: 'Trois fois, s’il vous plaît' } },
              ],
            },
          }
        : undefined,
    );
    renderInApp(<Timeline invoiceId="inv1" />);
    const items = within(await screen.findByRole('list')).getAllByRole('listitem').map((li) => plain(li.textContent).replace(/^.*?\d\d:\d\d/, ''));
    expect(items[0]).toBe('Promesse de paiement notée — 10 déc. 2026 · Au téléphone, paiera après son chantier');
    expect(items[1]).toMatch(/ — Trois fois, s’il vous plaît$/);
  });

  it('names the template each reminder went out with (the proof in a dispute: date, template, recipient), the English one an English client got', async () => {
    fakeApi(({ path }) =>
      path.startsWith('/invoices/inv1/timeline')
        ? {
            status: 200,
            body: {
              items: [
                { at, type: 'reminder.sent', data: { stepId: 'j+1', plan: 1, templateId: 'reminder-en', messageId: 'm1', to: 'accounts@smith.test' } },
                { at, type: 'sms.sent', data: { stepId: 'j+3', plan: 1, templateId: 'sms-reminder', messageId: 'm2', to: '+33612345678' } },
                { at, type: 'reminder.sent', data: { stepId: 'j+8', plan: 1, templateId: 'gone', messageId: 'm3', to: 'accounts@smith.test' } },
              ],
            },
          }
        : path === '/templates'
          ? { status: 200, body: { items: [{ id: 'reminder', name: 'Relance à échéance (J+1)' }, { id: 'reminder-en', name: 'Reminder at due date (D+1)' }, { id: 'sms-reminder', name: 'SMS de relance' }] } }
          : undefined,
    );
    renderInApp(<Timeline invoiceId="inv1" />);
    await screen.findByText(/Reminder at due date/);
    const items = within(screen.getByRole('list')).getAllByRole('listitem').map((li) => plain(li.textContent).replace(/^.*?\d\d:\d\d/, ''));
    expect(items).toEqual([
      'Relance envoyée — J+1 · Reminder at due date (D+1) · accounts@smith.test',
      'SMS envoyé — J+3 · SMS de relance · +33612345678',
      // A template removed since: no name to give, the rest is said.
      'Relance envoyée — J+8 · accounts@smith.test',
    ]);
  });

  it('shows the newest events of a long history too (oldest first, past the first 100: a payment plan, pauses, re-plans)', async () => {
    const scheduled = Array.from({ length: 100 }, () => ({ at, type: 'reminder.rescheduled', data: { stepId: 'j+8', plan: 1 } }));
    const calls = fakeApi(({ path }) =>
      path === '/invoices/inv1/timeline?limit=100'
        ? { status: 200, body: { items: scheduled, nextCursor: 'newer' } }
        : path === '/invoices/inv1/timeline?limit=100&cursor=newer'
          ? { status: 200, body: { items: [{ at: '2026-12-01T10:00:00.000Z', type: 'payment.recorded', data: { date: '2026-12-01', amountCents: 39_400, method: 'transfer' } }] } }
          : undefined,
    );
    renderInApp(<Timeline invoiceId="inv1" />);
    expect(await screen.findByText(/394,00/)).toBeTruthy();
    expect(within(screen.getByRole('list')).getAllByRole('listitem')).toHaveLength(101);
    expect(calls.filter((c) => c.path.startsWith('/invoices/inv1/timeline')).length).toBe(2);
  });
  it('says the reason of a pause that ended by itself in words: a promise, a « j’ai payé », or what the owner typed', async () => {
    fakeApi(({ path }) =>
      path.startsWith('/invoices/inv1/timeline')
        ? {
            status: 200,
            body: {
              items: [
                { at, type: 'invoice.resumed', data: { reason: 'paid_claimed', auto: true } },
                { at, type: 'invoice.resumed', data: { reason: 'promise', auto: true } },
                { at, type: 'invoice.resumed', data: { reason: 'Chantier en cours', auto: true } },
              ],
            },
          }
        : undefined,
    );
    renderInApp(<Timeline invoiceId="inv1" />);
    const items = within(await screen.findByRole('list')).getAllByRole('listitem').map((li) => plain(li.textContent).replace(/^.*?\d\d:\d\d/, ''));
    expect(items).toEqual(['Relances reprises — le client dit avoir payé', 'Relances reprises — promesse du client', 'Relances reprises — Chantier en cours']);
  });
});
