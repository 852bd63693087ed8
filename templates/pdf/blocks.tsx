import type { ReactElement } from 'react';
import type { Client } from '../../shared/http/schemas/clients.js';
import type { Settings } from '../../shared/http/schemas/settings.js';
import { countryName, type Language } from './format.js';
import { clientLines, footerIdentity, sellerLines } from './identity.js';
import type { InvoiceLabels } from './invoice-labels.js';
import type { PageNumbering, PdfKit } from './kit.js';
import { styles } from './styles.js';

type IdentityLabels = Pick<InvoiceLabels, 'siren' | 'vatNumber' | 'phone' | 'email' | 'shareCapital' | 'page'>;

/** The seller's name and legal identity, top left of invoices, quotes and credit notes; a country abroad named in the document's language. */
export const SellerBlock = ({ kit: { View, Text }, seller, labels, language }: { kit: PdfKit; seller: Settings['company']; labels: IdentityLabels; language: Language }): ReactElement => (
  <View style={styles.half}>
    <Text style={[styles.bold, { fontSize: 12 }]}>{seller.name}</Text>
    {sellerLines(seller, labels, countryName(language)).map((line) => (
      <Text key={line}>{line}</Text>
    ))}
  </View>
);

/** The client's block, on the right half under the header; a country abroad named in the document's language (`Royaume-Uni`, not `GB`). */
export const ClientBlock = ({ kit: { View, Text }, client, heading, labels, language }: { kit: PdfKit; client: Client; heading: string; labels: IdentityLabels; language: Language }): ReactElement => (
  <View style={[styles.section, styles.row]}>
    <View style={{ width: '52%' }} />
    <View style={{ width: '48%' }}>
      <Text style={styles.small}>{heading}</Text>
      <Text style={styles.bold}>{client.name}</Text>
      {clientLines(client, labels, countryName(language)).map((line) => (
        <Text key={line}>{line}</Text>
      ))}
    </View>
  </View>
);

/** Legal identity and page count, repeated on every page. */
export const Footer = ({ kit, seller, labels, numbering }: { kit: PdfKit; seller: Settings['company']; labels: IdentityLabels; numbering: PageNumbering }): ReactElement => (
  <kit.View style={styles.footer} fixed>
    <kit.Text>{footerIdentity(seller, labels)}</kit.Text>
    <PageNumber kit={kit} labels={labels} numbering={numbering} />
  </kit.View>
);

/** "Page n / N": static on a one-page document, else read from the layout (see PageNumbering). */
export const PageNumber = ({ kit: { Text }, labels, numbering }: { kit: PdfKit; labels: Pick<IdentityLabels, 'page'>; numbering: PageNumbering }): ReactElement =>
  numbering === 'one-page' ? <Text>{labels.page(1, 1)}</Text> : <Text render={({ pageNumber, totalPages }) => labels.page(pageNumber, totalPages ?? pageNumber)} />;

/**
 * Label / amount rows right-aligned under the tables; `grand` is the bold, ruled last figure.
 * The amount keeps its full width and the label wraps in what is left, so that a long label
 * (or a bold 11 pt total in English) never runs into the figure.
 */
export const AmountRow = ({ kit: { View, Text }, label, amount, grand = false }: { kit: PdfKit; label: string; amount: string; grand?: boolean }): ReactElement => (
  <View style={grand ? styles.grandTotal : styles.totalRow}>
    <Text style={styles.amountLabel}>{label}</Text>
    <Text style={styles.amount}>{amount}</Text>
  </View>
);

/** The EPC QR code (EPC069-12), 30 mm wide with its quiet zone: one path of unit squares, drawn as vectors. */
export const EpcQrCode = ({ kit, modules, size: width = 85 }: { kit: PdfKit; modules: readonly (readonly boolean[])[]; size?: number }) => {
  const { Svg, Path, Rect } = kit;
  const size = modules.length + 8;
  let d = '';
  modules.forEach((row, y) => row.forEach((dark, x) => {
    if (dark) d += `M${x + 4} ${y + 4}H${x + 5}V${y + 5}H${x + 4}Z`;
  }));
  return (
    <Svg width={width} height={width} viewBox={`0 0 ${size} ${size}`}>
      <Rect x={0} y={0} width={size} height={size} fill="#ffffff" />
      <Path d={d} fill="#000000" />
    </Svg>
  );
};
