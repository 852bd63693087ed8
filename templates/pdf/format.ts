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
 * Address lines; the country is printed only when it is not France (La Poste's rule for domestic mail), as
 * `countryName` writes it: `countryName(language)` on every document, `postalCountryName` on a letter to post,
 * `countryCode` where a recorded document must keep its bytes (a letter produced before `layout: 4`).
 */
export const addressLines = (address: PostalAddress | undefined, countryName: (code: string) => string): string[] => {
  if (!address) return [];
  const lines = [address.line1];
  if (address.line2) lines.push(address.line2);
  lines.push(`${address.postalCode} ${address.city.toUpperCase()}`);
  if (address.country !== 'FR') lines.push(countryName(address.country));
  return lines;
};

/** Built on the first address abroad, not while the module loads (an Intl object costs milliseconds of cold start). */
const regionNames: Partial<Record<Language, Intl.DisplayNames>> = {};

/**
 * A country's name in the document's language (`GB` → `Royaume-Uni`, `United Kingdom`), as invoices, quotes, credit
 * notes, statements and the proof file print an address abroad. A code no region has (`12`, `ZZ`, from an import) is
 * printed as it is rather than failing the document.
 */
export const countryName = (language: Language) => (code: string): string =>
  /^[A-Za-z]{2}$/.test(code) && code.toUpperCase() !== 'ZZ'
    ? ((regionNames[language] ??= new Intl.DisplayNames([language], { type: 'region', fallback: 'code' })).of(code.toUpperCase()) ?? code)
    : code;

/** A country's name in capitals (`BE` → `BELGIQUE`, `BELGIUM` in English): the last line of an address abroad on mail to post. */
export const postalCountryName = (language: Language) => (code: string): string => countryName(language)(code).toLocaleUpperCase(language);

/** The ISO code as stored (`GB`): how letters produced before `layout: 4` print it, to the same bytes. */
export const countryCode = (code: string): string => code;
