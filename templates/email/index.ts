/** Email texts by language, and the one formatter they are filled with. */
import { en } from './en.js';
import { fr } from './fr.js';
import type { EmailText, EmailTexts } from './texts.js';
import { frenchSpacing } from '../../shared/domain/french-spacing.js';

/**
 * The French texts as they go out: subject and text with French typography's no-break spaces
 * (shared/domain/french-spacing.ts), the values filled in included (a reason the owner typed, the plan's schedule).
 * They are written with plain spaces in ./fr.ts.
 */
const typeset = <T extends object>(texts: T): T =>
  Object.fromEntries(
    Object.entries(texts).map(([name, text]) => [
      name,
      (d: never) => {
        const t = (text as (d: never) => EmailText)(d);
        return { subject: frenchSpacing(t.subject), text: frenchSpacing(t.text) };
      },
    ]),
  ) as T;
const frTypeset: EmailTexts = typeset(fr);

export const emailTexts = (language: 'fr' | 'en'): EmailTexts => (language === 'en' ? en : frTypeset);
export { date, money } from './format.js';
export type { EmailText, EmailTexts } from './texts.js';
