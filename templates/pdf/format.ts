import { formatEuros } from '../../shared/domain/money.js';

export type Language = 'fr' | 'en';

/**
 * Amounts as the PDF prints them. The built-in Helvetica is WinAnsi-encoded: it has the
 * no-break space (U+00A0) but not the narrow one (U+202F) that `Intl` uses to group French
 * thousands, which would come out as a wrong glyph.
 */
export const euros = (cents: number, language: Language): string =>
  formatEuros(cents, language).replace(/\u202f/g, '\u00a0');

/** `2026-11-22` → `22/11/2026` (French and British order alike; no time zone involved). */
export const shortDate = (isoDate: string): string => {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
};

/** `12.15` → `12,15` in French, `12.15` in English; at most two decimals. */
export const decimal = (value: number, language: Language): string =>
  new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 })
    .format(value)
    .replace(/\u202f/g, '\u00a0');

export const percent = (rate: number, language: Language): string =>
  `${decimal(rate, language)}${language === 'fr' ? '\u00a0' : ''}%`;

/** IBANs print in groups of four, as on a bank's RIB. */
export const groupedIban = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');

interface PostalAddress {
  readonly line1: string;
  readonly line2?: string | undefined;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
}

/** Address lines; the country is printed only when it is not France (La Poste's rule for domestic mail). */
export const addressLines = (address: PostalAddress | undefined): string[] => {
  if (!address) return [];
  const lines = [address.line1];
  if (address.line2) lines.push(address.line2);
  lines.push(`${address.postalCode} ${address.city.toUpperCase()}`);
  if (address.country !== 'FR') lines.push(address.country);
  return lines;
};
