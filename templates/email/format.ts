/** The one money and date formatting of emails: the same functions the reminder templates use. */
import { formatEuros } from '../../shared/domain/money.js';
import { formatDate } from '../../shared/domain/template-render.js';

export type EmailLanguage = 'fr' | 'en';
export const money = (cents: number, language: EmailLanguage): string => formatEuros(cents, language);
/** `2026-03-12` → `12/03/2026` (fr) or `12 March 2026` (en). */
export const date = (isoDate: string, language: EmailLanguage): string => formatDate(isoDate, language);
/** `FR7630006000011234567890189` → `FR76 3000 6000 0112 3456 7890 189`, as the reminders and PDFs print it. */
export const ibanGroups = (iban: string): string => iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

/** A sentence the owner typed (a reason), ended: trimmed, with a full stop unless it ends in punctuation already. */
export const sentence = (text: string): string => {
  const t = text.trim();
  return /[.!?…)»"]$/.test(t) ? t : `${t}.`;
};
