/**
 * i18next: French first, English complete (en.ts is typed after fr.ts, so a missing key does
 * not compile). Money and dates go through Intl (lib/format.ts) in the same language.
 */
import i18next from 'i18next';
import { createContext, useContext } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from '../locales/en';
import { fr } from '../locales/fr';
import { frenchSpacedTexts, frenchSpacing } from './french-spacing';
import * as f from './format';

export type { Lang } from './format';
const STORAGE_KEY = 'relances.lang';

export const initialLanguage = (): f.Lang => {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  // French first: English only when chosen (the choice is kept in localStorage).
  return saved === 'en' ? 'en' : 'fr';
};

export const initI18n = async (lng: f.Lang = initialLanguage()) => {
  await i18next.use(initReactI18next).init({
    resources: { fr: { translation: frenchSpacedTexts(fr) }, en: { translation: en } },
    lng,
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  return i18next;
};

export const setLanguage = async (lng: f.Lang): Promise<void> => {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
  await i18next.changeLanguage(lng);
};

/**
 * The owner's time zone (the settings'), given by the app's shell: the owner's screens say an instant as the
 * settings' send hour is set (a step at 09:00 Paris reads 09:00, not 08:00 in a browser on UTC, as the simulation
 * already said). Outside the shell (the client's portal) there is none: the browser's own zone.
 */
export const OwnerTimeZone = createContext<string | undefined>(undefined);

/** Translations plus formatters bound to the current language. */
export const useI18n = () => {
  const { t, i18n } = useTranslation();
  const ownerTimeZone = useContext(OwnerTimeZone);
  const lang: f.Lang = i18n.language === 'en' ? 'en' : 'fr';
  return {
    t,
    lang,
    money: (cents: number) => f.formatMoney(cents, lang),
    compactMoney: (cents: number) => f.formatCompactMoney(cents, lang),
    date: (d: string) => f.formatDate(d, lang),
    /** In the one given, else the owner's (the settings'), else the browser's. */
    dateTime: (at: string, timeZone?: string) => f.formatDateTime(at, lang, timeZone ?? ownerTimeZone),
    /** "09:00": in the one given, else the owner's (the settings'), else the browser's. */
    time: (at: string, timeZone?: string) => f.formatTime(at, lang, timeZone ?? ownerTimeZone),
    number: (n: number) => f.formatNumber(n, lang),
    percent: (r: number) => f.formatPercent(r, lang),
    vatRate: (rate: number) => f.formatVatRate(rate, lang),
    /** A label before its value: "Objet :" in French (a narrow no-break space), "Subject:" in English. */
    colon: (label: string) => (lang === 'fr' ? frenchSpacing(`${label} :`) : `${label}:`),
  };
};
