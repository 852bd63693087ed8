import type { Client } from '../../shared/http/schemas/clients.js';
import type { Settings } from '../../shared/http/schemas/settings.js';
import { addressLines } from './format.js';

interface IdentityLabels {
  readonly siren: string;
  readonly vatNumber: string;
  readonly phone: string;
  readonly email: string;
}

/** The seller's legal identity lines, under its name (C. com. R123-237, CGI 242 nonies A). */
export const sellerLines = (seller: Settings['company'], labels: IdentityLabels): string[] => [
  ...(seller.legalForm ? [seller.legalForm] : []),
  ...addressLines(seller.address),
  ...(seller.siren ? [`${labels.siren} ${seller.siren}`] : []),
  ...(seller.vatNumber ? [`${labels.vatNumber} ${seller.vatNumber}`] : []),
  ...(seller.email ? [`${labels.email} ${seller.email}`] : []),
  ...(seller.phone ? [`${labels.phone} ${seller.phone}`] : []),
];

/** The client's lines under its name; SIREN and VAT number only for businesses. */
export const clientLines = (client: Client, labels: IdentityLabels, countryName?: (code: string) => string): string[] => [
  ...addressLines(client.address, countryName),
  ...(client.kind === 'business' && client.siren ? [`${labels.siren} ${client.siren}`] : []),
  ...(client.kind === 'business' && client.vatNumber ? [`${labels.vatNumber} ${client.vatNumber}`] : []),
];

/** One-line legal identity for page footers. */
export const footerIdentity = (seller: Settings['company'], labels: IdentityLabels): string =>
  [seller.name, seller.legalForm, seller.siren && `${labels.siren} ${seller.siren}`, seller.vatNumber && `${labels.vatNumber} ${seller.vatNumber}`]
    .filter(Boolean)
    .join(' · ');
