export type Language = 'fr' | 'en';

const locale = (language: Language): string => (language === 'fr' ? 'fr-FR' : 'en-GB');

/**
 * Intl formatters are costly to build (~0.05 ms each, dozens per page): built once per
 * language and reused by every render. Same options as `formatEuros` in shared/domain/money.ts.
 */
const formattersFor = (language: Language) => ({
  euros: new Intl.NumberFormat(locale(language), { style: 'currency', currency: 'EUR' }),
  decimal: new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }),
  quantity: new Intl.NumberFormat(locale(language), { maximumFractionDigits: 3 }),
});
const formatters = { fr: formattersFor('fr'), en: formattersFor('en') } as const;

/**
 * French groups thousands with a narrow no-break space (U+202F); printed as a plain no-break
 * space (U+00A0), which every PDF reader extracts and searches as a space. Both keep an amount
 * on one line: react-pdf only breaks lines at U+0020.
 */
const noBreak = (text: string): string => text.replace(/\u202f/g, '\u00a0');

/** Amounts as the PDF prints them: `1 544,70 €` / `€1,544.70`. */
export const euros = (cents: number, language: Language): string => noBreak(formatters[language].euros.format(cents / 100));

/** `2026-11-22` → `22/11/2026` (French and British order alike; no time zone involved). */
export const shortDate = (isoDate: string): string => {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
};

/** `12.15` → `12,15` in French, `12.15` in English; at most two decimals. */
export const decimal = (value: number, language: Language): string => noBreak(formatters[language].decimal.format(value));

/** A line's quantity with its three decimals at most (`0,125`), as the API keeps it: quantity × unit price gives the line total. */
export const quantity = (value: number, language: Language): string => noBreak(formatters[language].quantity.format(value));

export const percent = (rate: number, language: Language): string =>
  `${decimal(rate, language)}${language === 'fr' ? '\u00a0' : ''}%`;

/** `Label : value` in French (a space before the colon), `Label: value` in English. */
export const labelled = (label: string, value: string, language: Language): string =>
  `${label}${language === 'fr' ? ' : ' : ': '}${value}`;

/** IBANs print in groups of four, as on a bank's RIB. */
export const groupedIban = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');

interface PostalAddress {
  readonly line1: string;
  readonly line2?: string | undefined;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
}

/**
 * Address lines; the country is printed only when it is not France (La Poste's rule for domestic mail),
 * as its ISO code, or as `countryName` writes it (a letter to post: the name in capitals).
 */
export const addressLines = (address: PostalAddress | undefined, countryName?: (code: string) => string): string[] => {
  if (!address) return [];
  const lines = [address.line1];
  if (address.line2) lines.push(address.line2);
  lines.push(`${address.postalCode} ${address.city.toUpperCase()}`);
  if (address.country !== 'FR') lines.push(countryName ? countryName(address.country) : address.country);
  return lines;
};

/** A country's name in capitals (`BE` → `BELGIQUE`, `BELGIUM` in English): the last line of an address abroad on mail to post. */
export const postalCountryName = (language: 'fr' | 'en') => (code: string): string => {
  // A code no region has (`12`, from an import) is printed as it is rather than failing the letter.
  const name = /^[A-Za-z]{2}$/.test(code) && code.toUpperCase() !== 'ZZ' ? (new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(code.toUpperCase()) ?? code) : code;
  return name.toLocaleUpperCase(language);
};
