/**
 * Texts of a lazily loaded screen travel with its chunk, not with the first load: a feature
 * declares its French texts (the reference) and English ones typed after them (a missing key
 * does not compile), and registers both under its own key when its chunk is evaluated.
 */
import i18next from 'i18next';
import { frenchSpacedTexts } from './french-spacing';

/** The same shape with every leaf a string: what the English side must fill. */
export type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

const registered: { key: string; fr: object; en: object }[] = [];

const add = (key: string, fr: object, en: object) => {
  // French resources get their narrow no-break spaces before « : ; ! ? » (lib/french-spacing.ts).
  i18next.addResourceBundle('fr', 'translation', { [key]: frenchSpacedTexts(fr) }, true, true);
  i18next.addResourceBundle('en', 'translation', { [key]: en }, true, true);
};

i18next.on('initialized', () => {
  for (const { key, fr, en } of registered) add(key, fr, en);
});

export const registerTexts = <T extends object>(key: string, fr: T, en: Texts<T>): { key: string; fr: T; en: Texts<T> } => {
  registered.push({ key, fr, en });
  if (i18next.isInitialized) add(key, fr, en);
  return { key, fr, en };
};

/** Every registered set, for the translations test. */
export const registeredTexts = (): readonly { key: string; fr: object; en: object }[] => registered;
