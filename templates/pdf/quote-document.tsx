import type { QuotePdfData } from '../../shared/app/ports.js';
import { typesetKit } from './typography.js';
import { AmountRow, ClientBlock, Footer, SellerBlock } from './blocks.js';
import { euros, labelled, shortDate } from './format.js';
import { LinesTable, VatTable } from './invoice-tables.js';
import type { PageNumbering, PdfDocument, PdfKit } from './kit.js';
import { quoteLabels } from './quote-labels.js';
import { vatMentionOf } from './invoice-labels.js';
import { muted, styles } from './styles.js';

/**
 * A quote (devis): number (or a draft), issue and validity dates, the parties, the priced
 * lines, VAT per rate, totals, and a box for the client's "Bon pour accord", date and
 * signature. No payment terms or late-payment mentions: those belong to the invoices.
 */
export const quoteDocument = (rawKit: PdfKit, data: QuotePdfData, numbering: PageNumbering = 'dynamic'): PdfDocument => {
  // French typography's no-break spaces in every text of a French document (./typography.ts).
  const kit = typesetKit(rawKit, data.language === 'fr');
  const { Document, Page, View, Text } = kit;
  const { seller, client, quote, language } = data;
  const labels = quoteLabels(language);
  const vatMention = vatMentionOf(labels, quote.vatExemption, quote.lines.map((line) => line.vatRate));
  const vatExempt = vatMention !== undefined;
  const title = quote.number ? `${labels.quote} ${quote.number}` : labels.draftQuote;

  return (
    <Document title={title} author={seller.name} creator="Relances" producer="Relances" language={language}>
      <Page size="A4" style={styles.page}>
        <View style={styles.spread}>
          <SellerBlock kit={kit} seller={seller} labels={labels} language={language} />
          <View style={[styles.half, { alignItems: 'flex-end' }]}>
            <Text style={styles.title}>{quote.number ? labels.quote : labels.draftQuote}</Text>
            {quote.number && <Text style={[styles.bold, { fontSize: 11 }]}>{quote.number}</Text>}
            <Text>{labelled(labels.issueDate, shortDate(quote.issueDate), language)}</Text>
            <Text>{labelled(labels.validUntil, shortDate(quote.validUntil), language)}</Text>
          </View>
        </View>

        <ClientBlock kit={kit} client={client} heading={labels.recipient} labels={labels} language={language} />

        <LinesTable kit={kit} lines={quote.lines} language={language} labels={labels} />

        <View style={[styles.section, styles.spread]} wrap={false}>
          <View style={styles.half}>
            {!vatExempt && <VatTable kit={kit} breakdown={quote.totals.vatBreakdown} language={language} labels={labels} />}
          </View>
          <View style={{ width: '42%' }}>
            <AmountRow kit={kit} label={labels.totalNet} amount={euros(quote.totals.netCents, language)} />
            <AmountRow kit={kit} label={labels.totalVat} amount={euros(quote.totals.vatCents, language)} />
            <AmountRow kit={kit} label={labels.totalGross} amount={euros(quote.totals.grossCents, language)} grand />
          </View>
        </View>

        {quote.notes && <Text style={styles.section}>{quote.notes}</Text>}
        {vatMention && <Text style={styles.section}>{vatMention}</Text>}

        <View style={[styles.section, styles.row]} wrap={false}>
          <View style={{ width: '45%' }} />
          <View style={{ width: '55%', borderWidth: 1, borderColor: muted, padding: 8, minHeight: 110 }}>
            <Text style={styles.bold}>{labels.acceptance}</Text>
            <Text style={[styles.small, { marginTop: 2 }]}>{labels.acceptanceHint}</Text>
            <Text style={{ marginTop: 10 }}>{labels.date}</Text>
            <Text style={{ marginTop: 10 }}>{labels.signature}</Text>
          </View>
        </View>

        <Footer kit={kit} seller={seller} labels={labels} numbering={numbering} />
      </Page>
    </Document>
  );
};
