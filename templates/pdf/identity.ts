import type { Client } from '../../shared/http/schemas/clients.js';
import type { Settings } from '../../shared/http/schemas/settings.js';
import { addressLines } from './format.js';

interface IdentityLabels {
  readonly siren: string;
  readonly vatNumber: string;
  readonly phone: string;
  readonly email: string;
  /** "SARL au capital de 10 000,00 €"; without a legal form "Capital social : 10 000,00 €". */
  readonly shareCapital: (cents: number, legalForm?: string) => string;
}

/** The legal form and the share capital (C. com. R123-237): "SARL au capital de 10 000,00 €", or the form alone as before. */
const legalFormLine = (seller: Settings['company'], labels: IdentityLabels): string | undefined =>
  seller.shareCapitalCents === undefined ? seller.legalForm || undefined : labels.shareCapital(seller.shareCapitalCents, seller.legalForm || undefined);

/** Where the register is (C. com. R123-237): "RCS Lyon 123456789" replaces "SIREN 123456789"; the register alone without a SIREN. */
const registrationLine = (seller: Settings['company'], labels: IdentityLabels): string | undefined => {
  if (seller.registration) return seller.siren ? `${seller.registration} ${seller.siren}` : seller.registration;
  return seller.siren ? `${labels.siren} ${seller.siren}` : undefined;
};

const optionalLine = (line: string | undefined): string[] => (line ? [line] : []);

/** The seller's legal identity lines, under its name (C. com. R123-237, CGI 242 nonies A); `countryName` writes a country abroad (format.ts). */
export const sellerLines = (seller: Settings['company'], labels: IdentityLabels, countryName: (code: string) => string): string[] => [
  ...optionalLine(legalFormLine(seller, labels)),
  ...addressLines(seller.address, countryName),
  ...optionalLine(registrationLine(seller, labels)),
  ...(seller.vatNumber ? [`${labels.vatNumber} ${seller.vatNumber}`] : []),
  ...(seller.email ? [`${labels.email} ${seller.email}`] : []),
  ...(seller.phone ? [`${labels.phone} ${seller.phone}`] : []),
];

/** The client's lines under its name; SIREN and VAT number only for businesses. */
export const clientLines = (client: Client, labels: Omit<IdentityLabels, 'shareCapital'>, countryName: (code: string) => string): string[] => [
  ...addressLines(client.address, countryName),
  ...(client.kind === 'business' && client.siren ? [`${labels.siren} ${client.siren}`] : []),
  ...(client.kind === 'business' && client.vatNumber ? [`${labels.vatNumber} ${client.vatNumber}`] : []),
];

/** One-line legal identity for page footers. */
export const footerIdentity = (seller: Settings['company'], labels: IdentityLabels): string =>
  [seller.name, legalFormLine(seller, labels), registrationLine(seller, labels), seller.vatNumber && `${labels.vatNumber} ${seller.vatNumber}`]
    .filter(Boolean)
    .join(' · ');
