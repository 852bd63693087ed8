import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { date, emailTexts, money } from '../../templates/email/index.js';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));

describe('customer-facing email texts (templates/email)', () => {
  it('exist in French and English for every email, filled with one money and date formatting', () => {
    const d = { clientName: 'Boulangerie Dupont', number: 'F-2026-0007', amount: money(123_456, 'fr'), dueDate: date('2026-12-02', 'fr'), company: 'Plomberie Martin', iban: 'FR7630006000011234567890189' };
    expect(emailTexts('fr').invoice(d)).toEqual({
      subject: 'Facture F-2026-0007 – Plomberie Martin',
      text: expect.stringMatching(/d’un montant de 1\s234,56\s€, payable au plus tard le 02\/12\/2026\.\n\nRèglement par virement\u202f: IBAN FR76/),
    });
    expect(emailTexts('en').invoice({ ...d, amount: money(123_456, 'en'), dueDate: date('2026-12-02', 'en') }).text).toContain('for €1,234.56, due on 2 December 2026');
    // Both languages have every text (other features add theirs).
    expect(Object.keys(emailTexts('en')).sort()).toEqual(Object.keys(emailTexts('fr')).sort());
    expect(Object.keys(emailTexts('fr'))).toEqual(expect.arrayContaining(['creditNote', 'invoice', 'ownerNotification', 'dailyOverview', 'quote', 'quoteFollowUp', 'planAccepted', 'planDeclined']));
  });

  it('give the transfer details as the reminders do: the IBAN in groups of four and the invoice number as the reference', () => {
    const d = { clientName: 'Boulangerie Dupont', number: 'F-2026-0007', amount: money(123_456, 'fr'), dueDate: date('2026-12-02', 'fr'), company: 'Plomberie Martin', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' };
    expect(emailTexts('fr').invoice(d).text).toContain('Règlement par virement\u202f: IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP, référence F-2026-0007.');
    expect(emailTexts('en').invoice(d).text).toContain('Bank transfer: IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP, reference F-2026-0007.');
    const plan = { ...d, schedule: '1. 10/12/2026 : 600,00 €', waived: false, balance: money(120_000, 'fr') };
    expect(emailTexts('fr').planAccepted(plan as never).text).toContain('IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP, référence F-2026-0007.');
    expect(emailTexts('fr').planDeclined(plan as never).text).toContain('IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP, référence F-2026-0007.');
  });

  it('end the sentence of a declined plan whatever the owner typed as the reason', () => {
    // "…pour la facture F-2026-0007 : trop long" then the next sentence on its own line, no full stop.
    const d = { clientName: 'Boulangerie Dupont', number: 'F-2026-0007', company: 'Plomberie Martin', balance: money(120_000, 'fr') };
    expect(emailTexts('fr').planDeclined({ ...d, reason: 'trop long' } as never).text).toContain('pour la facture F-2026-0007\u202f: trop long.\nLe montant restant dû');
    expect(emailTexts('fr').planDeclined({ ...d, reason: 'Trop long ! ' } as never).text).toContain('pour la facture F-2026-0007\u202f: Trop long\u202f!\nLe montant');
    expect(emailTexts('fr').planDeclined(d as never).text).toContain('pour la facture F-2026-0007.\nLe montant');
    expect(emailTexts('en').planDeclined({ ...d, balance: money(120_000, 'en'), reason: 'too long' } as never).text).toContain('for invoice F-2026-0007: too long.\nThe balance');
    expect(emailTexts('en').planDeclined({ ...d, balance: money(120_000, 'en'), reason: 'too long…' } as never).text).toContain('for invoice F-2026-0007: too long…\nThe balance');
  });

  it('are no longer written inside use cases', () => {
    for (const file of files('shared/app')) expect(readFileSync(file, 'utf8'), file).not.toMatch(/`(Bonjour|Hello) \$\{/);
  });

  it('point the daily overview’s reader to the settings as the web app names them ("Réglages", not "Paramètres", a menu it does not have)', () => {
    const d = { date: '27/11/2026', reminders: [], letters: [], payments: [], overdue: [], alerts: [] };
    // web/src/locales/{fr,en}.ts nav.settings, and the settings screen's "Notifications" card.
    expect(emailTexts('fr').dailyOverview(d as never).text).toContain('Réglages › Notifications');
    expect(emailTexts('en').dailyOverview(d as never).text).toContain('Settings › Notifications');
  });

  it('list a courtesy step the client rules push onto its due date with those that will not go out, not as going out today', () => {
    const r = { invoice: 'F-2026-0002', clientName: 'Dupont', time: '09:00', template: 'Courtoisie (J-5)', cancel: 'https://app/invoices/x' };
    const d = { date: '30/11/2026', reminders: [{ ...r, invoice: 'F-2026-0001' }, { ...r, skippedBy: 'due_passed' }], letters: [], payments: [], overdue: [], alerts: [] };
    const fr = emailTexts('fr').dailyOverview(d as never).text;
    expect(fr).toContain("Relances qui partent aujourd'hui (1)");
    expect(fr).toMatch(/Relances qui ne pourront pas partir \(1\)\n- 09:00 · facture F-2026-0002 · .*la repousse à l'échéance/);
    expect(emailTexts('en').dailyOverview(d as never).text).toMatch(/Reminders that cannot go out \(1\)\n- 09:00 · invoice F-2026-0002 · .*onto the due date/);
  });
});
