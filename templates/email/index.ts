/** Email texts by language, and the one formatter they are filled with. */
import { en } from './en.js';
import { fr } from './fr.js';
import type { EmailTexts } from './texts.js';

export const emailTexts = (language: 'fr' | 'en'): EmailTexts => (language === 'en' ? en : fr);
export { date, money } from './format.js';
export type { EmailText, EmailTexts } from './texts.js';
