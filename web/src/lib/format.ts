/**
 * Money, dates and counts for display, all through Intl in the current language. Components
 * never format by hand. Money is integer cents from the API.
 */
export type Lang = 'fr' | 'en';

const locales: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

const numberFormat = (lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat => {
  const key = `n:${lang}:${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locales[lang], options)));
  return f;
};

const dateFormat = (lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `d:${lang}:${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locales[lang], options)));
  return f;
};

export const formatMoney = (cents: number, lang: Lang, currency = 'EUR'): string =>
  numberFormat(lang, { style: 'currency', currency }).format(cents / 100);

/** A business date `YYYY-MM-DD` is a calendar day, not an instant: formatted in UTC so it never shifts. */
export const formatDate = (date: string, lang: Lang): string => {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return dateFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
};

/** The calendar day `YYYY-MM-DD` of an instant in the user's time zone (or the one given, e.g. the tenant's). */
export const localDay = (instant: string, timeZone?: string): string => {
  const parts = dateFormat('en', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone ? { timeZone } : {}) }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
};

/** An instant in the user's time zone (or the one given, e.g. the tenant's). */
export const formatDateTime = (instant: string, lang: Lang, timeZone?: string): string =>
  dateFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(new Date(instant));

/** The hour and minute of an instant ("09:00"), in the user's time zone or the one given (the tenant's). */
export const formatTime = (instant: string, lang: Lang, timeZone?: string): string =>
  dateFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(new Date(instant));

export const formatNumber = (n: number, lang: Lang): string => numberFormat(lang, {}).format(n);

/**
 * A line's net in cents as the API bills it (shared/domain/invoice.ts `lineTotals`): quantity (3 decimals at most)
 * × unit price, rounded half away from zero in integers. `Math.round(price * quantity)` in floating point said
 * 0,28 € for 0.285 × 1,00 € (28.4999…), where the invoice bills 0,29 €.
 */
export const lineNetCents = (quantity: number, unitPriceCents: number): number => {
  const n = BigInt(Math.round(quantity * 1000)) * BigInt(unitPriceCents);
  const abs = n < 0n ? -n : n;
  const rounded = (2n * abs + 1000n) / 2000n;
  return Number(n < 0n ? -rounded : rounded);
};

export const formatPercent = (ratio: number, lang: Lang): string => numberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);

/** A VAT rate as written in each language: "5,5 %" in French, "5.5%" in English (never "5.5 %"). */
export const formatVatRate = (rate: number, lang: Lang): string => numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(rate / 100);

/** Parses what a person types as euros ("1 234,56", "1234.5", "12") into cents; undefined if it is not an amount. */
export const parseMoney = (input: string): number | undefined => {
  let s = input.replace(/[\s\u00a0\u202f€]/g, '');
  // Both separators ("1,234.56", "1.234,56"): the last one is the decimal mark, the others group thousands.
  if (/[.,].*[.,]/.test(s)) {
    const mark = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
    const units = s.slice(0, mark);
    if (!/^\d{1,3}([.,]\d{3})+$/.test(units)) return undefined;
    s = `${units.replace(/[.,]/g, '')}.${s.slice(mark + 1)}`;
  }
  if (!/^\d+([.,]\d{1,2})?$/.test(s)) return undefined;
  const [units, decimals = ''] = s.split(/[.,]/);
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
};

/** Cents to the string an amount input shows ("1234,50" in French). */
export const centsToInput = (cents: number, lang: Lang): string => {
  const s = (cents / 100).toFixed(2);
  return lang === 'fr' ? s.replace('.', ',') : s;
};

export const todayIso = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/** A chart axis's money: "2,25 k €" (two decimals: a 750 € step reads 2,25 k, not a rounded 2,3 k). */
export const formatCompactMoney = (cents: number, lang: Lang): string =>
  numberFormat(lang, { style: 'currency', currency: 'EUR', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(cents / 100);

/** An IBAN in groups of four, as banks print it: "FR76 3000 6000 0112 3456 7890 189". */
export const groupIban = (iban: string): string => iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
