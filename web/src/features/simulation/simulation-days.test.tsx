import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render';
import { SimulationDays, type Simulation, type SimulationItem } from './simulation-days';

const item = (over: Partial<SimulationItem>): SimulationItem => ({
  clientId: 'c1',
  clientName: 'Garage Lefèvre',
  invoiceId: 'inv1',
  invoiceNumber: 'F-2026-0001',
  stepId: 'j1',
  templateId: 'reminder',
  channel: 'email',
  action: 'send',
  at: '2026-12-01T08:00:00.000Z',
  scenarioId: 'b2b-default',
  scenarioRule: 'default',
  ...over,
});

const simulation = (items: SimulationItem[]): Simulation => ({ from: '2026-12-01T00:00:00.000Z', to: '2026-12-31T23:59:59.000Z', items });
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('simulation days', () => {
  it('says in words why a text or a letter cannot go: no mobile number, no postal address', () => {
    renderInApp(
      <SimulationDays
        simulation={simulation([
          item({ stepId: 'texto', channel: 'sms', action: 'skip', reason: 'no_phone' }),
          item({ stepId: 'lettre', channel: 'letter', action: 'skip', reason: 'no_postal_address', invoiceId: 'inv2', invoiceNumber: 'F-2026-0002' }),
        ])}
        scenarioNames={{}}
        templateNames={{}}
      />,
    );
    const rows = screen.getAllByTestId('simulation-item').map((r) => plain(r.textContent));
    expect(rows[0]).toContain('aucun numéro de mobile');
    expect(rows[1]).toContain('aucune adresse postale');
    expect(rows.join(' ')).not.toMatch(/no_phone|no_postal_address/);
  });

  it('shows every step the API returns: email, SMS and letter sends, a skip with its reason and a move to litigation', () => {
    renderInApp(
      <SimulationDays
        simulation={simulation([
          item({ stepId: 'j1' }),
          item({ stepId: 'texto', channel: 'sms', templateId: 'sms-reminder', invoiceId: 'inv2', invoiceNumber: 'F-2026-0002' }),
          item({ stepId: 'lettre', channel: 'letter', templateId: 'formal-notice', at: '2026-12-05T08:00:00.000Z' }),
          item({ stepId: 'j15', action: 'skip', reason: 'paused', at: '2026-12-05T08:00:00.000Z', invoiceId: 'inv3', invoiceNumber: 'F-2026-0003' }),
          item({ stepId: 'litigation', action: 'escalate', templateId: 'litigation', at: '2026-12-20T08:00:00.000Z' }),
        ])}
        scenarioNames={{ 'b2b-default': 'Professionnels' }}
        templateNames={{ reminder: 'Relance à échéance (J+1)' }}
      />,
    );
    const rows = screen.getAllByTestId('simulation-item');
    // A template by its name when known, else by its id.
    expect(plain(rows[0]!.textContent)).toContain(' · J1 · Relance à échéance (J+1)');
    expect(rows.map((r) => [r.dataset.action, r.dataset.channel])).toEqual([
      ['send', 'email'],
      ['send', 'sms'],
      ['send', 'letter'],
      ['skip', 'email'],
      ['escalate', 'email'],
    ]);
    expect(within(rows[1]!).getByText('SMS')).toBeTruthy();
    expect(within(rows[2]!).getByText('Courrier recommandé')).toBeTruthy();
    expect(plain(rows[3]!.textContent)).toContain('Sautée');
    expect(plain(rows[3]!.textContent)).toContain('relances suspendues');
    expect(plain(rows[3]!.textContent)).not.toContain('paused');
    expect(within(rows[4]!).getByText('Contentieux')).toBeTruthy();
    expect(plain(rows[4]!.textContent)).toContain('passe en contentieux');
    expect(plain(rows[4]!.textContent)).not.toContain('LITIGATION');
    expect(plain(rows[2]!.textContent)).toContain('F-2026-0001 · LETTRE · formal-notice');
    // The escalation is not a channel: no "E-mail" badge on it.
    expect(within(rows[4]!).queryByText('E-mail')).toBeNull();
    // One group per day, each counting its sends.
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => plain(h.textContent))).toEqual(['1 déc. 2026 · 2 envois', '5 déc. 2026 · 1 envoi', '20 déc. 2026 · 0 envoi']);
    expect(plain(screen.getByTestId('simulation-summary').textContent)).toContain('1 courrier à poster · 1 SMS · 1 passage en contentieux');
    expect(screen.getByRole('link', { name: 'F-2026-0002' }).getAttribute('href')).toBe('/invoices/inv2');
  });

  it('says in plain words which rule chose the scenario: the client’s own, a category, or the default', () => {
    renderInApp(
      <SimulationDays
        simulation={simulation([
          item({ invoiceId: 'a', scenarioId: 'chantiers', scenarioRule: 'client' }),
          item({ invoiceId: 'b', scenarioId: 'grands', scenarioRule: 'tag:grand-compte' }),
          item({ invoiceId: 'c', scenarioId: 'b2c-default', scenarioRule: 'default' }),
        ])}
        scenarioNames={{ chantiers: 'Chantiers', grands: 'Grands comptes' }}
      />,
    );
    expect(screen.getAllByTestId('simulation-rule').map((r) => plain(r.textContent))).toEqual([
      'Scénario « Chantiers » — choisi sur la fiche du client',
      'Scénario « Grands comptes » — choisi par la catégorie « grand-compte » du client',
      // A scenario whose name is unknown shows its id.
      'Scénario « b2c-default » — scénario par défaut (aucun scénario sur le client ni sur ses catégories)',
    ]);
    expect(screen.queryByTestId('simulation-summary')).toBeNull();
  });

  it('shows invoices of one client going in one message, counted once, and a step moved past the client’s gap with its own date', () => {
    renderInApp(
      <SimulationDays
        simulation={simulation([
          item({ invoiceId: 'a', invoiceNumber: 'F-1', groupedWith: ['F-2'] }),
          item({ invoiceId: 'b', invoiceNumber: 'F-2', groupedWith: ['F-1'] }),
          item({ invoiceId: 'c', invoiceNumber: 'F-3', at: '2026-12-04T08:00:00.000Z', reason: 'gap', plannedAt: '2026-12-02T08:00:00.000Z' }),
        ])}
      />,
    );
    const rows = screen.getAllByTestId('simulation-item');
    expect(plain(rows[0]!.textContent)).toContain('dans le même message que F-2');
    expect(plain(rows[1]!.textContent)).toContain('dans le même message que F-1');
    expect(plain(rows[2]!.textContent)).toContain('client relancé il y a peu · prévue le 2 déc. 2026');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => plain(h.textContent))).toEqual(['1 déc. 2026 · 1 envoi', '4 déc. 2026 · 1 envoi']);
  });

  it('files each send under its day where the tenant lives, not the UTC day', () => {
    renderInApp(
      <SimulationDays
        timeZone="America/Guadeloupe"
        simulation={simulation([
          // 21:00 in Guadeloupe is 01:00 UTC the next day.
          item({ invoiceId: 'a', invoiceNumber: 'F-1', at: '2026-12-02T01:00:00.000Z' }),
          item({ invoiceId: 'b', invoiceNumber: 'F-2', at: '2026-12-01T13:00:00.000Z' }),
        ])}
      />,
    );
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => plain(h.textContent))).toEqual(['1 déc. 2026 · 2 envois']);
    expect(plain(screen.getAllByTestId('simulation-item')[0]!.textContent)).toContain('1 déc. 2026, 21:00');
  });

  it('names for an English client the English template that goes, not its French original', () => {
    renderInApp(
      <SimulationDays
        simulation={simulation([item({ clientId: 'en1', clientName: 'Smith Ltd' }), item({ invoiceId: 'inv2', invoiceNumber: 'F-2026-0002' })])}
        templateNames={{ reminder: 'Relance à échéance (J+1)', 'reminder-en': 'Reminder at due date (D+1)' }}
        clientLanguages={{ en1: 'en', c1: 'fr' }}
      />,
    );
    const rows = screen.getAllByTestId('simulation-item').map((r) => plain(r.textContent));
    expect(rows[0]).toContain('Smith Ltd · F-2026-0001 · J1 · Reminder at due date (D+1)');
    expect(rows[1]).toContain('Garage Lefèvre · F-2026-0002 · J1 · Relance à échéance (J+1)');
  });
});
