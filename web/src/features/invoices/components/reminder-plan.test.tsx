import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { setLanguage } from '../../../lib/i18n';
import { renderInApp } from '../../../test/render';
import { ReminderPlan } from './reminders';
import { plain } from '../../../test/plain';

const steps = [
  { stepId: 'j-5', plan: 1, index: 0, beforeDue: true, templateId: 'courtesy', channel: 'email', state: 'skipped', reason: 'due_passed' },
  { stepId: 'j+8', plan: 1, index: 1, beforeDue: false, templateId: 'firm', channel: 'email', state: 'scheduled', scheduledAt: '2027-01-04T08:00:00.000Z' },
  { stepId: 'escalate', plan: 1, index: 2, beforeDue: false, templateId: 'escalate', channel: 'email', state: 'scheduled', scheduledAt: '2027-01-26T08:00:00.000Z' },
  { stepId: 'manual-2026-11-25', templateId: 'courtesy', channel: 'email', state: 'sent', manual: true, sentAt: '2026-11-25T14:33:08.486Z', messageId: 'm1', recipients: ['a@b.test'], attempts: 1 },
  { stepId: 'j+15', plan: 1, index: 3, beforeDue: false, templateId: 'formal-notice', channel: 'email', state: 'cancelled', reason: 'some_new_reason' },
  { stepId: 'j+1', plan: 1, index: 4, beforeDue: false, templateId: 'reminder', channel: 'email', state: 'scheduled', scheduledAt: '2026-11-26T08:00:00.000Z', reason: 'catch-up' },
  { stepId: 'j+22', plan: 1, index: 5, beforeDue: false, templateId: 'reminder', channel: 'email', state: 'scheduled', scheduledAt: '2026-12-26T08:00:00.000Z', reason: 'order' },
];

describe('the reminder plan on the invoice', () => {
  it('names each step, its template and its reason in the user’s words, and dates a manual reminder by its sending', async () => {
    fakeApi(({ path }) =>
      path === '/invoices/inv1/reminders'
        ? { status: 200, body: { items: steps } }
        : path === '/templates'
          ? { status: 200, body: { items: [{ id: 'courtesy', name: 'Pré-relance courtoise (J-5)', language: 'fr' }, { id: 'firm', name: 'Relance ferme (J+8)', language: 'fr' }] } }
          : undefined,
    );
    renderInApp(<ReminderPlan invoiceId="inv1" />);
    await screen.findByText('Relance ferme (J+8)');
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    const cells = (i: number) => within(rows[i]!).getAllByRole('cell').map((c) => c.textContent?.replace(/[\u00a0\u202f]/g, ' '));
    expect(cells(0).slice(0, 3)).toEqual(['J-5', '—', 'Pré-relance courtoise (J-5)']);
    expect(cells(0)[5]).toBe('échéance déjà passée');
    // Hours in the machine's time zone: only the dates are asserted.
    expect(cells(1)).toEqual(expect.arrayContaining(['J+8', expect.stringMatching(/^4 janv\. 2027, \d\d:00$/), 'Relance ferme (J+8)']));
    expect(cells(2).slice(0, 4)).toEqual(['Passage en contentieux', expect.stringMatching(/^26 janv\. 2027, /), '—', '—']);
    expect(cells(3).slice(0, 3)).toEqual(['Relance manuelle', expect.stringMatching(/^25 nov\. 2026, \d\d:33$/), 'Pré-relance courtoise (J-5)']);
    // An id the screen does not know stays readable as is.
    expect(cells(4)[2]).toBe('formal-notice');
    expect(cells(4)[5]).toBe('some_new_reason');
    // A step moved by the catch-up rule or to keep the steps in order says so in words, not as a code.
    expect(cells(5)[5]).toBe('rattrapage : sa date était passée');
    expect(cells(6)[5]).toBe('décalée après l’étape précédente');
    expect(screen.getByRole('button', { name: /Passage en contentieux/ })).toBeTruthy();
  });

  it('shows each manual reminder of a day, the failed ones too (same step id, no sending time), as rows of their own', async () => {
    const failed = { stepId: 'manual-2026-11-27', templateId: 'reminder', channel: 'email', state: 'failed', manual: true, reason: 'send_failed', attempts: 1 };
    const items = [...steps.slice(0, 2), failed, { ...failed }, { ...failed, state: 'sent', reason: undefined, sentAt: '2026-11-27T01:14:46.224Z', messageId: 'm2' }];
    fakeApi(({ path }) => (path === '/invoices/inv1/reminders' ? { status: 200, body: { items } } : path === '/templates' ? { status: 200, body: { items: [] } } : undefined));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      renderInApp(<ReminderPlan invoiceId="inv1" />);
      await screen.findByText('J-5');
      const names = within(screen.getByRole('table')).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0]!.textContent);
      expect(names.filter((n) => n === 'Relance manuelle')).toHaveLength(3);
      expect(errors.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('same key'))).toEqual([]);
    } finally {
      errors.mockRestore();
    }
  });

  it('names the steps as English speakers write them (D+8, not J+8) and their reasons in English', async () => {
    fakeApi(({ path }) => (path === '/invoices/inv1/reminders' ? { status: 200, body: { items: steps } } : path === '/templates' ? { status: 200, body: { items: [] } } : undefined));
    await setLanguage('en');
    try {
      renderInApp(<ReminderPlan invoiceId="inv1" />);
      await screen.findByText('D-5');
      const names = within(screen.getByRole('table')).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0]!.textContent);
      expect(names).toEqual(expect.arrayContaining(['D-5', 'D+8', 'D+1', 'Move to litigation', 'Manual reminder']));
      expect(names.some((n) => n?.startsWith('J'))).toBe(false);
      expect(screen.getByText('catch-up: its date had passed')).toBeTruthy();
    } finally {
      await setLanguage('fr');
    }
  });
  it('says a letter step is one letter with the client’s other invoices, posted for all at once', async () => {
    const letterStep = { stepId: 'j+30', plan: 1, index: 0, beforeDue: false, templateId: 'formal-notice', channel: 'letter', state: 'to_post', letterId: 'L1', letterInvoices: ['F-2026-0007', 'F-2026-0008'] };
    const alone = { ...letterStep, stepId: 'j+45', index: 1, state: 'scheduled', scheduledAt: '2027-01-04T08:00:00.000Z', reason: 'letter_regrouped', letterId: undefined, letterInvoices: undefined };
    fakeApi(({ path }) => (path === '/invoices/inv1/reminders' ? { status: 200, body: { items: [letterStep, alone] } } : path === '/templates' ? { status: 200, body: { items: [] } } : undefined));
    renderInApp(<ReminderPlan invoiceId="inv1" />);
    const shared = await screen.findAllByTestId('shared-letter');
    expect(shared).toHaveLength(1);
    expect(plain(shared[0]!.textContent)).toBe('Lettre commune : F-2026-0007, F-2026-0008 (la marquer postée la clôt pour toutes)');
    expect(screen.getByText('lettre commune refaite sans une facture réglée')).toBeTruthy();
  });

  it('lets the owner add the registered mail number of a letter posted without it, once', async () => {
    const posted = { stepId: 'j+30', plan: 1, index: 0, beforeDue: false, templateId: 'formal-notice', channel: 'letter', state: 'sent', sentAt: '2026-11-20T10:00:00.000Z', postedAt: '2026-11-20T10:00:00.000Z' };
    let current: Record<string, unknown> = posted;
    const calls = fakeApi(({ method, path, body }) => {
      if (method === 'POST' && path === '/invoices/inv1/reminders/j%2B30/posted') {
        current = { ...posted, trackingNumber: (body as { trackingNumber: string }).trackingNumber };
        return { status: 200, body: current };
      }
      return path === '/invoices/inv1/reminders' ? { status: 200, body: { items: [current] } } : path === '/templates' ? { status: 200, body: { items: [] } } : undefined;
    });
    renderInApp(<ReminderPlan invoiceId="inv1" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Ajouter le n° de recommandé' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await userEvent.type(within(dialog).getByLabelText(/N° de recommandé/), '1A 234 567 8901 2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ trackingNumber: '1A 234 567 8901 2' });
    await screen.findByText(/· 1A 234 567 8901 2/);
    expect(screen.queryByRole('button', { name: 'Ajouter le n° de recommandé' })).toBeNull();
  });

  it('shows the current plan after a pause and a resume: the earlier plan’s cancelled steps are counted, what it sent stays, no row twice', async () => {
    const first = [
      { stepId: 'j-5', plan: 1, index: 0, beforeDue: true, templateId: 'courtesy', channel: 'email', state: 'sent', sentAt: '2026-11-10T08:00:00.000Z' },
      { stepId: 'j+1', plan: 1, index: 1, beforeDue: false, templateId: 'reminder', channel: 'email', state: 'cancelled', scheduledAt: '2026-11-30T08:00:00.000Z', reason: 'paused' },
      { stepId: 'j+8', plan: 1, index: 2, beforeDue: false, templateId: 'firm', channel: 'email', state: 'cancelled', scheduledAt: '2026-12-07T08:00:00.000Z', reason: 'paused' },
    ];
    const second = [
      { stepId: 'j-5', plan: 2, index: 0, beforeDue: true, templateId: 'courtesy', channel: 'email', state: 'skipped', reason: 'due_passed' },
      { stepId: 'j+1', plan: 2, index: 1, beforeDue: false, templateId: 'reminder', channel: 'email', state: 'scheduled', scheduledAt: '2026-11-30T08:00:00.000Z' },
      { stepId: 'j+8', plan: 2, index: 2, beforeDue: false, templateId: 'firm', channel: 'email', state: 'scheduled', scheduledAt: '2026-12-07T08:00:00.000Z' },
    ];
    const instalment = { stepId: 'i0-courtesy', plan: 1000, index: 0, beforeDue: true, templateId: 'plan-courtesy', channel: 'email', state: 'scheduled', scheduledAt: '2026-12-01T08:00:00.000Z' };
    fakeApi(({ path }) => (path === '/invoices/inv1/reminders' ? { status: 200, body: { items: [...first, ...second, instalment] } } : path === '/templates' ? { status: 200, body: { items: [] } } : undefined));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      renderInApp(<ReminderPlan invoiceId="inv1" />);
      const older = await screen.findByTestId('older-steps');
      expect(plain(older.textContent)).toBe('2 étapes de plans précédents, annulées ou sautées quand les relances se sont arrêtées : voir l’historique.');
      const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
      const states = rows.map((r) => within(r).getAllByRole('cell').slice(0, 5).map((c) => c.textContent).filter((_, i) => i === 0 || i === 4).join(' '));
      expect(states).toEqual(['J-5 Envoyée', 'J-5 Sautée', 'J+1 Programmée', 'J+8 Programmée', expect.stringMatching(/Programmée$/)]);
      expect(errors.filter((e) => String((e as unknown[])[0]).includes('same key'))).toEqual([]);
    } finally {
      console.error = original;
    }
  });
  it('keeps showing a step the owner cancelled once the reminders start again (the new plan has no row for it)', async () => {
    const first = [
      { stepId: 'j+1', plan: 1, index: 0, beforeDue: false, templateId: 'reminder', channel: 'email', state: 'sent', sentAt: '2026-11-10T08:00:00.000Z' },
      { stepId: 'j+8', plan: 1, index: 1, beforeDue: false, templateId: 'firm', channel: 'email', state: 'cancelled', scheduledAt: '2026-11-17T08:00:00.000Z', reason: 'owner_cancelled' },
      { stepId: 'j+15', plan: 1, index: 2, beforeDue: false, templateId: 'formal-notice', channel: 'email', state: 'cancelled', scheduledAt: '2026-11-24T08:00:00.000Z', reason: 'paused' },
    ];
    const second = [{ stepId: 'j+15', plan: 2, index: 2, beforeDue: false, templateId: 'formal-notice', channel: 'email', state: 'scheduled', scheduledAt: '2026-11-24T08:00:00.000Z' }];
    fakeApi(({ path }) => (path === '/invoices/inv1/reminders' ? { status: 200, body: { items: [...first, ...second] } } : path === '/templates' ? { status: 200, body: { items: [] } } : undefined));
    renderInApp(<ReminderPlan invoiceId="inv1" />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    const states = rows.map((r) => within(r).getAllByRole('cell').slice(0, 5).map((c) => c.textContent).filter((_, i) => i === 0 || i === 4).join(' '));
    expect(states).toEqual(['J+1 Envoyée', 'J+8 Annulée', 'J+15 Programmée']);
  });
});
