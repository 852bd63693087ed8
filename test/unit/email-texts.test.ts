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
      text: expect.stringMatching(/d’un montant de 1\s234,56\s€, payable au plus tard le 02\/12\/2026\.\n\nRèglement par virement : IBAN FR76/),
    });
    expect(emailTexts('en').invoice({ ...d, amount: money(123_456, 'en'), dueDate: date('2026-12-02', 'en') }).text).toContain('for €1,234.56, due on 2 December 2026');
    // Both languages have every text (other features add theirs).
    expect(Object.keys(emailTexts('en')).sort()).toEqual(Object.keys(emailTexts('fr')).sort());
    expect(Object.keys(emailTexts('fr'))).toEqual(expect.arrayContaining(['creditNote', 'invoice', 'ownerNotification', 'dailyOverview', 'quote', 'quoteFollowUp', 'planAccepted', 'planDeclined']));
  });

  it('are no longer written inside use cases', () => {
    for (const file of files('shared/app')) expect(readFileSync(file, 'utf8'), file).not.toMatch(/`(Bonjour|Hello) \$\{/);
  });
});
