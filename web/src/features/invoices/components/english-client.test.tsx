import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import { GroupedReminderDialog } from '../../clients/components/grouped-reminder';
import { ReminderPlan, SendReminderDialog } from './reminders';

/** The built-in templates: each French reminder has its English variant (`-en`); a tenant's own has none. */
const TEMPLATES = {
  items: [
    { id: 'courtesy', name: 'Pré-relance courtoise (J-5)', language: 'fr', purpose: 'reminder' },
    { id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr', purpose: 'reminder' },
    { id: 'courtesy-en', name: 'Courtesy reminder (D-5)', language: 'en', purpose: 'reminder' },
    { id: 'reminder-en', name: 'Reminder at due date (D+1)', language: 'en', purpose: 'reminder' },
    { id: 'mine', name: 'Mon rappel maison', language: 'fr', purpose: 'reminder' },
  ],
};
const steps = [
  { stepId: 'j-5', plan: 1, index: 0, beforeDue: true, templateId: 'courtesy', channel: 'email', state: 'skipped', reason: 'due_passed' },
  { stepId: 'j+1', plan: 1, index: 1, beforeDue: false, templateId: 'reminder', channel: 'email', state: 'scheduled', scheduledAt: '2026-11-27T08:00:00.000Z' },
  { stepId: 'j+8', plan: 1, index: 2, beforeDue: false, templateId: 'mine', channel: 'email', state: 'scheduled', scheduledAt: '2026-12-04T08:00:00.000Z' },
];
const preview = {
  clientId: 'c1',
  dryRun: true,
  subject: 'Reminder: invoice F-2026-0004 was due on 31 August 2026',
  text: 'Hello John Smith Ltd,',
  to: ['accounts@smith.test'],
  cc: [],
  bcc: [],
  attachments: [],
  notAttached: [],
  items: [{ invoiceId: 'inv1', number: 'F-2026-0004', status: 'would_send' }],
};
const api = () =>
  fakeApi(({ method, path }) => {
    if (path === '/templates') return { status: 200, body: TEMPLATES };
    if (path === '/invoices/inv1/reminders') return { status: 200, body: { items: steps } };
    if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true') return { status: 201, body: preview };
    return undefined;
  });
const cellsOf = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);

describe('an invoice of a client written to in English', () => {
  it('names in the plan the English templates that go out, not their French originals (a template of the tenant’s own keeps its name)', async () => {
    api();
    renderInApp(<ReminderPlan invoiceId="inv1" language="en" />);
    await screen.findByText('Reminder at due date (D+1)');
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => cellsOf(r)[2])).toEqual(['Courtesy reminder (D-5)', 'Reminder at due date (D+1)', 'Mon rappel maison']);
  });

  it('keeps the French names for a French client', async () => {
    api();
    renderInApp(<ReminderPlan invoiceId="inv1" language="fr" />);
    await screen.findByText('Relance à échéance (J+1)');
    expect(screen.queryByText('Reminder at due date (D+1)')).toBeNull();
  });

  it('"Relancer maintenant" proposes the English variant of the next step, and no French template the API would swap for English anyway', async () => {
    const calls = api();
    renderInApp(<SendReminderDialog invoiceId="inv1" clientId="c1" language="en" />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer maintenant' }));
    const dialog = await screen.findByRole('dialog', { name: 'Relancer maintenant' });
    await within(dialog).findByTestId('preview-subject');
    const picker = within(dialog).getByLabelText('Modèle') as HTMLSelectElement;
    expect(picker.value).toBe('reminder-en');
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['Courtesy reminder (D-5) (EN)', 'Reminder at due date (D+1) (EN)', 'Mon rappel maison (FR)']);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ invoiceIds: ['inv1'], templateId: 'reminder-en' });
  });

  it('the client page’s grouped reminder offers an English client the English templates, not French ones it would not get', async () => {
    fakeApi(({ path }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      if (path.startsWith('/invoices?')) return { status: 200, body: { items: [{ id: 'inv1', clientId: 'c1', number: 'F-2026-0004', status: 'sent', dueDate: '2026-08-31', balanceCents: 1_181_400 }] } };
      return undefined;
    });
    renderInApp(<GroupedReminderDialog clientId="c1" language="en" />);
    await userEvent.click(screen.getByRole('button', { name: 'Relance groupée' }));
    const dialog = await screen.findByRole('dialog', { name: 'Relance groupée' });
    const picker = (await within(dialog).findByLabelText('Modèle')) as HTMLSelectElement;
    await within(picker).findByRole('option', { name: 'Reminder at due date (D+1) (EN)' });
    expect(within(picker).getAllByRole('option').map((o) => o.textContent).slice(1)).toEqual(['Courtesy reminder (D-5) (EN)', 'Reminder at due date (D+1) (EN)', 'Mon rappel maison (FR)']);
  });
});
