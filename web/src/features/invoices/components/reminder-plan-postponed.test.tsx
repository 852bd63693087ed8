import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { setLanguage } from '../../../lib/i18n';
import { renderInApp } from '../../../test/render';
import { ReminderPlan } from './reminders';
import { plain } from '../../../test/plain';

/**
 * A step recorded for a day the client's gap will push (the client gets a payment-plan reminder that day): the plan
 * showed it going out at 09:00 that day while the simulation, and the engine, send it three days later.
 */
const items = [
  { stepId: 'j+1', plan: 1, index: 0, beforeDue: false, templateId: 'reminder', channel: 'email', state: 'scheduled', scheduledAt: '2026-11-27T08:00:00.000Z', expectedAt: '2026-11-30T08:00:00.000Z', movedBy: 'gap' },
  { stepId: 'j+8', plan: 1, index: 1, beforeDue: false, templateId: 'firm', channel: 'email', state: 'scheduled', scheduledAt: '2026-12-07T08:00:00.000Z' },
];

const render = () => {
  fakeApi(({ path }) => (path === '/invoices/inv1/reminders' ? { status: 200, body: { items } } : path === '/templates' ? { status: 200, body: { items: [] } } : undefined));
  renderInApp(<ReminderPlan invoiceId="inv1" />);
};

describe('a step the client rules postpone, on the invoice’s plan', () => {
  it('says in French when it really goes out and why, and nothing on a step that keeps its day', async () => {
    setLanguage('fr');
    render();
    await screen.findByText('J+1');
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    const when = (i: number) => within(rows[i]!).getAllByRole('cell')[1]!.textContent?.replace(/[\u00a0\u202f]/g, ' ');
    expect(when(0)).toMatch(/^27 nov\. 2026, \d\d:00reportée au 30 nov\. 2026, \d\d:00 : écart entre deux messages au client$/);
    expect(when(1)).toMatch(/^7 déc\. 2026, \d\d:00$/);
  });

  it('says it in English', async () => {
    setLanguage('en');
    try {
      render();
      await screen.findByText(/postponed to/);
      expect(screen.getByTestId('postponed').textContent?.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/^postponed to 30 Nov 2026, \d\d:00: gap between two messages to the client$/);
    } finally {
      setLanguage('fr');
    }
  });

  it('says a step goes earlier than recorded when the courtesy step before it will not go out', async () => {
    setLanguage('fr');
    fakeApi(({ path }) =>
      path === '/invoices/inv3/reminders'
        ? { status: 200, body: { items: [
          { stepId: 'j-5', plan: 1, index: 0, beforeDue: true, templateId: 'courtesy', channel: 'email', state: 'scheduled', scheduledAt: '2026-12-29T08:00:00.000Z', expectedSkip: 'due_passed' },
          { stepId: 'j+1', plan: 1, index: 1, beforeDue: false, templateId: 'reminder', channel: 'email', state: 'scheduled', scheduledAt: '2027-01-05T08:00:00.000Z', expectedAt: '2027-01-04T08:00:00.000Z', movedBy: 'courtesy_skipped' },
        ] } }
        : path === '/templates' ? { status: 200, body: { items: [] } } : undefined,
    );
    renderInApp(<ReminderPlan invoiceId="inv3" />);
    expect(plain((await screen.findByTestId('advanced')).textContent)).toMatch(/^avancée au 4 janv\. 2027, \d\d:00 : la relance de courtoisie avant elle ne partira pas \(l’écart entre deux messages au client la repousse à l’échéance\), plus d’écart à garder après elle$/);
    expect(screen.queryByTestId('postponed')).toBeNull();
  });

  it('says a courtesy step the client rules push onto its due date will not go out, with no date of its own', async () => {
    setLanguage('fr');
    fakeApi(({ path }) =>
      path === '/invoices/inv2/reminders'
        ? { status: 200, body: { items: [{ stepId: 'j-5', plan: 1, index: 0, beforeDue: true, templateId: 'courtesy', channel: 'email', state: 'scheduled', scheduledAt: '2026-11-30T08:00:00.000Z', expectedSkip: 'due_passed' }] } }
        : path === '/templates' ? { status: 200, body: { items: [] } } : undefined,
    );
    renderInApp(<ReminderPlan invoiceId="inv2" />);
    expect(plain((await screen.findByTestId('will-skip')).textContent)).toBe('ne partira pas : l’écart entre deux messages au client la repousse à l’échéance, où une relance de courtoisie ne part plus');
    expect(screen.queryByTestId('postponed')).toBeNull();
  });
});
