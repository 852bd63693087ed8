/**
 * The built-in firm and formal-notice emails as the first message about an invoice (reminderCount 0) drop "Malgré nos
 * relances" / "Deuxième relance", as the letter attached (firstNotice) and a grouped message do; once a reminder went
 * out they say it, and an owner's own words are never changed (test/e2e/first-notice-wording.test.ts on the stack).
 */
import { describe, expect, it } from 'vitest';
import { composeReminder } from '../../shared/app/reminders/compose-reminder.js';
import { defaultTemplate, firstNoticeWording } from '../../shared/domain/default-templates.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { aClient, anInvoiceRecord, FakePdfRenderer } from '../fixtures/fakes.js';

const compose = (templateId: string, reminderCount: number, language: 'fr' | 'en' = 'fr') =>
  composeReminder(
    { invoice: anInvoiceRecord({ reminderCount }), client: aClient({ language }), settings: defaultSettings(), payments: [], template: defaultTemplate(templateId)!, asOf: new Date('2026-04-15T08:00:00Z') },
    new FakePdfRenderer(),
    ['compta@dupont.test'],
  );

describe('the first firm reminder or mise en demeure about an invoice', () => {
  it('says "Sauf erreur de notre part" to a client never reminded, and "Malgré nos relances" once reminded', async () => {
    const first = await compose('formal-notice', 0);
    expect(first.text).toContain('Sauf erreur de notre part, la facture F-2026-0001');
    expect(first.text).not.toContain('Malgré');
    expect((await compose('formal-notice', 2)).text).toContain('Malgré nos relances, la facture F-2026-0001');
    const firm = await compose('firm', 0);
    expect(firm.subject).toMatch(/^Relance\u202f: facture F-2026-0001 impayée depuis/);
    expect((await compose('firm', 1)).subject).toMatch(/^Deuxième relance\u202f: facture F-2026-0001/);
    expect((await compose('firm-en', 0, 'en')).text).toContain('Unless we are mistaken, invoice F-2026-0001');
    expect((await compose('firm-en', 1, 'en')).text).toContain('Despite our previous reminder, invoice F-2026-0001');
  });

  it('leaves a gentler text alone, and words of the owner’s own that do not match', () => {
    expect(firstNoticeWording({ subject: 'Relance : facture F-1', text: 'Malgré tout, merci de régler.' })).toEqual({ subject: 'Relance : facture F-1', text: 'Malgré tout, merci de régler.' });
  });
});
