/**
 * French typography of the emails (shared/domain/french-spacing.ts): a narrow no-break space (U+202F) before
 * « : ; ! ? » and % and inside « », a no-break space (U+00A0) between a number and € or its unit (« 15 jours »),
 * in the subject, the text and the HTML parts of every email in French: the built-in texts, the built-in
 * reminder templates and an owner's own ones (rendered so, never rewritten when saved). Text messages keep
 * plain spaces (test/unit/sms-encoding.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeReminder } from '../../shared/app/reminders/compose-reminder.js';
import { composeGroupedReminder } from '../../shared/app/reminders/compose-grouped.js';
import { DEFAULT_TEMPLATES, templatePurpose, type ReminderTemplate } from '../../shared/domain/default-templates.js';
import { frenchSpacing, typeset } from '../../shared/domain/french-spacing.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { textToHtml } from '../../shared/domain/template-render.js';
import { emailTexts, money } from '../../templates/email/index.js';
import { aClient, anInvoiceRecord, FakePdfRenderer } from '../fixtures/fakes.js';

const NNBSP = '\u202f';
const NBSP = '\u00a0';
/** What French typography must never leave in an email: a breakable space before the punctuation, after «, before a unit or €. */
const BREAKABLE = /[ \t][:;!?»%]|«[ \t]|\d[ \t](?:jours?|heures?|fois|€)(?![\p{L}\d])/u;

describe('frenchSpacing', () => {
  it('puts a narrow no-break space before : ; ! ? » % and after «, and a no-break one before € and a unit', () => {
    expect(frenchSpacing('Objet : relance ; merci ! Déjà réglé ? Taux 12,15 % « J’ai payé »')).toBe(
      `Objet${NNBSP}: relance${NNBSP}; merci${NNBSP}! Déjà réglé${NNBSP}? Taux 12,15${NNBSP}% «${NNBSP}J’ai payé${NNBSP}»`,
    );
    expect(frenchSpacing('impayée depuis 15 jours, 1 jour, 24 heures, en 3 fois, 30 j, 2 mois, 40 €')).toBe(
      `impayée depuis 15${NBSP}jours, 1${NBSP}jour, 24${NBSP}heures, en 3${NBSP}fois, 30${NBSP}j, 2${NBSP}mois, 40${NBSP}€`,
    );
    // A no-break space typed before the colon (U+00A0, the traditional one) becomes the narrow one, as the web app writes it.
    expect(frenchSpacing(`Objet${NBSP}: x`)).toBe(`Objet${NNBSP}: x`);
  });

  it('keeps the amounts Intl formats: thousands grouped by U+202F, U+00A0 before €', () => {
    expect(money(123_456_789, 'fr')).toBe(`1${NNBSP}234${NNBSP}567,89${NBSP}€`);
    expect(frenchSpacing(`Reste dû : ${money(123_456, 'fr')}.`)).toBe(`Reste dû${NNBSP}: 1${NNBSP}234,56${NBSP}€.`);
  });

  it('adds no space and leaves English, addresses, placeholders and words that only start like a unit alone', () => {
    for (const text of ['Note: paid? Yes!', 'https://pay.test/r/F-1?amount=12.50&x=1', '{{a}}:{{b}}', 'le 3 juin, 2 hélicoptères, J+8, 10:30', 'Total due: €1,234.56']) {
      expect(frenchSpacing(text)).toBe(text);
    }
    expect(typeset('Reminder : 15 jours !', 'en')).toBe('Reminder : 15 jours !');
  });

  it('changes only spaces, and changes nothing the second time', () => {
    const spaces = /[ \u00a0\u202f]/g;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '\u00a0', '\u202f', ':', ';', '!', '?', '«', '»', '%', '€', '1', '5', 'a', 'j', 'jours', 'fois', 'x', '\n')).map((parts) => parts.join('')), (text) => {
        const once = frenchSpacing(text);
        expect(frenchSpacing(once)).toBe(once);
        expect(once.replace(spaces, '')).toBe(text.replace(spaces, ''));
      }),
    );
  });

  it('is what the HTML part of every email shows', () => {
    expect(textToHtml('Voir la facture : https://app.test/p/x')).toBe(`<p>Voir la facture${NNBSP}: <a href="https://app.test/p/x">https://app.test/p/x</a></p>`);
  });
});

describe('French emails', () => {
  const settings = { ...defaultSettings(), company: { name: 'Plomberie Martin', email: 'contact@plomberie.test', iban: 'FR7630006000011234567890189' } };
  const asOf = new Date('2026-04-15T08:00:00Z');
  // 1 234,56 € still due 34 days after its due date (12 March).
  const invoice = anInvoiceRecord({ totals: { netCents: 102_880, vatCents: 20_576, grossCents: 123_456, vatBreakdown: [{ vatRate: 20, netCents: 102_880, vatCents: 20_576 }] }, reminderCount: 1 });
  const compose = (template: ReminderTemplate, kind: 'business' | 'consumer' = 'business') =>
    composeReminder({ invoice: { ...invoice, clientKind: kind }, client: aClient({ kind }), settings, payments: [], template, asOf, portalUrl: 'https://app.test/p/tok' }, new FakePdfRenderer(), ['compta@dupont.test']);

  it('every built-in French reminder and thank-you template goes out with no breakable space before its punctuation, units or €', async () => {
    const french = DEFAULT_TEMPLATES.filter((t) => t.language === 'fr' && templatePurpose(t.id) !== 'sms');
    expect(french.length).toBeGreaterThan(10);
    for (const template of french) {
      const email = await compose(template, /consumer/.test(template.id) ? 'consumer' : 'business');
      for (const [part, text] of [['subject', email.subject], ['text', email.text], ['html', email.html ?? '']] as const) {
        expect(text, `${template.id} ${part}`).not.toMatch(BREAKABLE);
      }
    }
    const firm = await compose(DEFAULT_TEMPLATES.find((t) => t.id === 'firm')!);
    expect(firm.subject).toBe(`Deuxième relance${NNBSP}: facture F-2026-0001 impayée depuis 34${NBSP}jours`);
    expect(firm.text).toContain(`1${NNBSP}234,56${NBSP}€`);
  });

  it("renders an owner's own template in French typography, and leaves its English one as written", async () => {
    const own: ReminderTemplate = { ...DEFAULT_TEMPLATES.find((t) => t.id === 'reminder')!, id: 'own', subject: 'Un mot : {{invoiceNumber}}', body: 'Bonjour ! Reste dû : {{balanceAmount}} depuis {{daysLate}} jours. « Merci »' };
    const email = await compose(own);
    expect(email.subject).toBe(`Un mot${NNBSP}: F-2026-0001`);
    expect(email.text).toBe(`Bonjour${NNBSP}! Reste dû${NNBSP}: 1${NNBSP}234,56${NBSP}€ depuis 34${NBSP}jours. «${NNBSP}Merci${NNBSP}»`);
    expect(email.html).toBe(`<p>${email.text}</p>`);
    // The template itself is the owner's: composing never changes it.
    expect(own.body).toBe('Bonjour ! Reste dû : {{balanceAmount}} depuis {{daysLate}} jours. « Merci »');
    const english = await compose({ ...own, language: 'en', subject: 'A word : {{invoiceNumber}}', body: 'Hello ! Balance : {{balanceAmount}}' });
    expect([english.subject, english.text]).toEqual(['A word : F-2026-0001', 'Hello ! Balance : €1,234.56']);
  });

  it('a grouped reminder, with an owner’s own words or the built-in ones, keeps its table and text unbroken', async () => {
    const members = [
      { invoice: { ...invoice, id: 'a', number: 'F-2026-0001' }, payments: [] },
      { invoice: { ...invoice, id: 'b', number: 'F-2026-0002', dueDate: '2026-03-20' }, payments: [] },
    ];
    const template = DEFAULT_TEMPLATES.find((t) => t.id === 'firm')!;
    const built = (await composeGroupedReminder({ members, client: aClient(), settings, template, asOf }, new FakePdfRenderer(), ['x@y.test'])).email;
    const own = (await composeGroupedReminder({ members, client: aClient(), settings, template, asOf, subject: 'Vos factures : {{invoiceNumber}}', body: 'Bonjour ! Total : {{balanceAmount}}' }, new FakePdfRenderer(), ['x@y.test'])).email;
    for (const email of [built, own]) for (const text of [email.subject, email.text, email.html ?? '']) expect(text).not.toMatch(BREAKABLE);
    expect(built.text).toMatch(new RegExp(`F-2026-0001 +12/03/2026 +1${NNBSP}234,56${NBSP}€ +34${NBSP}j`));
    expect(own.subject).toBe(`Vos factures${NNBSP}: F-2026-0001, F-2026-0002`);
  });

  it('every built-in French email text (invoice, quote, follow-up, credit note, plan answers, owner alerts, daily overview) is spaced so', () => {
    const fr = emailTexts('fr');
    const seller = { company: 'Plomberie Martin', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' };
    const d = { ...seller, clientName: 'Dupont', number: 'F-2026-0007', amount: money(123_456, 'fr'), dueDate: '02/12/2026', validUntil: '31/12/2026', invoiceNumber: 'F-2026-0001', portalUrl: 'https://app.test/p/x' };
    const owner = { invoice: 'F-2026-0001', clientName: 'Dupont', link: 'https://app.test/invoices/x', date: '20/12/2026', reason: 'pas reçu !', note: 'deux fois ?', instalments: 2 };
    const texts = [
      fr.invoice(d), fr.quote(d), fr.quoteFollowUp(d), fr.creditNote(d),
      fr.planAccepted({ ...d, schedule: `1. 10/12/2026 : ${money(60_000, 'fr')}`, waived: true }),
      fr.planDeclined({ ...d, balance: money(120_000, 'fr'), reason: 'trop long' }),
      ...(['bounce', 'complaint', 'dispute', 'promise', 'paid_claim', 'send_failed', 'unknown_outcome', 'plan_request', 'plan_missed', 'litigation', 'step_skipped'] as const).map((kind) => fr.ownerNotification({ ...owner, kind })),
      fr.dailyOverview({
        date: '15/04/2026',
        reminders: [{ invoice: 'F-1', clientName: 'Dupont', time: '09:00', template: 'Relance', cancel: 'https://app.test/invoices/1' }, { invoice: 'F-2', clientName: 'Dupont', time: '09:00', template: 'Relance', cancel: 'https://app.test/invoices/2', postponedTo: '16/04/2026', postponedBy: 'gap' }],
        letters: [], payments: [{ invoice: 'F-3', clientName: 'Dupont', amount: money(123_456, 'fr') }], overdue: [{ invoice: 'F-4', clientName: 'Dupont', balance: money(50_000, 'fr'), dueDate: '14/04/2026' }], alerts: ['Contestation — facture F-5 (Dupont)'],
      }),
    ];
    for (const { subject, text } of texts) {
      expect(subject, subject).not.toMatch(BREAKABLE);
      expect(text, text).not.toMatch(BREAKABLE);
    }
    expect(fr.ownerNotification({ ...owner, kind: 'dispute' }).text).toContain(`Le client conteste la facture${NNBSP}: «${NNBSP}pas reçu${NNBSP}!${NNBSP}»`);
    expect(fr.planAccepted({ ...d, schedule: '1. 10/12/2026 : 600,00 €', waived: false }).subject).toBe(`Facture F-2026-0007${NNBSP}: votre échéancier est accepté`);
  });
});
