/**
 * French typography of an email (subject, text and HTML parts): the spaces French writes before `:` `;` `!` `?` `»`
 * and `%` and after `«` become narrow no-break spaces (U+202F), and the space between a number and `€` or a unit
 * (`15 jours`, `24 heures`, `3 fois`, `12 j`) a no-break space (U+00A0), so that on a phone a line never starts with
 * the colon, the closing guillemet, the euro sign or the unit. Amounts formatted by Intl fr-FR already group their
 * thousands with U+202F and put U+00A0 before `€`. The web app does the same on its French texts
 * (web/src/lib/french-spacing.ts).
 *
 * Only a space already there changes: nothing is added (`https://`, `{{a}}:{{b}}`, English text are left alone),
 * and the function is idempotent. Applied when an email in French is composed, to the built-in texts and to the
 * owner's own templates alike (their saved text is never rewritten: templates are typed with a plain space).
 * Never for a text message: U+202F and U+00A0 are outside GSM-7 (shared/domain/sms-text.ts).
 */
const UNITS = 'jours?|j|heures?|h|min|minutes?|semaines?|mois|ans?|années?|fois';
const BEFORE_UNIT = new RegExp(`(?<=\\d)[ \\u202f](?=(?:${UNITS})(?![\\p{L}\\p{N}]))`, 'gu');

export const frenchSpacing = (text: string): string =>
  text
    .replace(/(?<=\S)[ \u00a0\u202f]+(?=[:;!?»%])/g, '\u202f')
    .replace(/«[ \u00a0\u202f]+/g, '«\u202f')
    .replace(/(?<=\d)[ \u202f](?=€|EUR(?![\p{L}\p{N}]))/gu, '\u00a0')
    .replace(BEFORE_UNIT, '\u00a0');

/** A text of an email in `language`: French typography for French, English as written. */
export const typeset = (text: string, language: 'fr' | 'en'): string => (language === 'fr' ? frenchSpacing(text) : text);

/** An email's subject and text in `language`'s typography (`typeset`). */
export const typesetMessage = <M extends { readonly subject: string; readonly text: string }>(message: M, language: 'fr' | 'en'): M => ({
  ...message,
  subject: typeset(message.subject, language),
  text: typeset(message.text, language),
});
