import type { InvoicePdfData } from '../../shared/app/ports.js';
import { typesetKit } from './typography.js';
import { ClientBlock, EpcQrCode, Footer, SellerBlock } from './blocks.js';
import { groupedIban, labelled, shortDate } from './format.js';
import { invoiceLabels, vatMentionOf } from './invoice-labels.js';
import { DeductionsTable, LinesTable, PaymentsTable, TotalsBox, VatTable } from './invoice-tables.js';
import { PlanTable } from './plan-table.js';
import type { PageNumbering, PdfDocument, PdfKit } from './kit.js';
import { styles } from './styles.js';

/**
 * A French invoice (CGI 242 nonies A; C. com. L441-9). With `copy` it is a reminder copy of
 * the invoice already issued — marked as a duplicate, never a new invoice (DOMAIN.md,
 * e-invoicing) — listing the payments received.
 *
 * Late-payment mentions are for business clients only: the penalty rate and the €40
 * recovery indemnity must appear on B2B invoices (L441-10), and billing recovery fees to a
 * consumer is an offence (CPCE L111-8).
 *
 * A deposit invoice (`kind: 'deposit'`) is titled "Facture d'acompte" and names its quote; a
 * final invoice names its quote and, after the totals, lists and deducts each deposit invoice
 * (number, date, amounts) down to the net to pay (CGI 289; DOMAIN.md §1).
 */
export const invoiceDocument = (rawKit: PdfKit, data: InvoicePdfData, numbering: PageNumbering = 'dynamic', qr?: readonly (readonly boolean[])[]): PdfDocument => {
  // French typography's no-break spaces in every text of a French document (./typography.ts).
  const kit = typesetKit(rawKit, data.language === 'fr');
  const { Document, Page, View, Text } = kit;
  const { seller, client, invoice, language } = data;
  const labels = invoiceLabels(language);
  const business = client.kind === 'business';
  const vatMention = vatMentionOf(labels, invoice.vatExemption, invoice.lines.map((line) => line.vatRate));
  const vatExempt = vatMention !== undefined;
  const heading = invoice.kind === 'deposit' ? labels.depositInvoice : labels.invoice;
  const title = invoice.number ? `${heading} ${invoice.number}` : `${heading} — ${labels.draft}`;
  const quoteReference =
    invoice.quoteNumber && invoice.kind === 'deposit'
      ? labels.depositOnQuote(invoice.quoteNumber)
      : invoice.quoteNumber && invoice.kind === 'final'
        ? labels.finalOnQuote(invoice.quoteNumber)
        : undefined;
  const mentions = [
    labels.terms(invoice.dueDate),
    ...(business ? [labels.noDiscount, labels.penalties(data.penaltyRatePercent), labels.indemnity] : []),
    ...(vatMention ? [vatMention] : []),
  ];

  return (
    <Document title={title} author={seller.name} creator="Relances" producer="Relances" language={language}>
      <Page size="A4" style={styles.page}>
        <View style={styles.spread}>
          <SellerBlock kit={kit} seller={seller} labels={labels} language={language} />
          <View style={[styles.half, { alignItems: 'flex-end' }]}>
            <Text style={styles.title}>{heading}</Text>
            <Text style={[styles.bold, { fontSize: 11 }]}>{invoice.number ?? labels.draft}</Text>
            {quoteReference && <Text style={{ marginBottom: 2 }}>{quoteReference}</Text>}
            <Text>{labelled(labels.issueDate, shortDate(invoice.issueDate), language)}</Text>
            {invoice.serviceDate && (
              // The date of the sale or service (CGI 242 nonies A), or the days of a job done over several.
              <Text>
                {invoice.serviceEndDate && invoice.serviceEndDate !== invoice.serviceDate
                  ? labels.servicePeriod(shortDate(invoice.serviceDate), shortDate(invoice.serviceEndDate))
                  : labelled(labels.serviceDate, shortDate(invoice.serviceDate), language)}
              </Text>
            )}
            <Text>{labelled(labels.dueDate, shortDate(invoice.dueDate), language)}</Text>
          </View>
        </View>

        {data.copy && <Text style={styles.stamp}>{`${labels.copy} — ${labels.copyNotice}`}</Text>}

        <ClientBlock kit={kit} client={client} heading={labels.billedTo} labels={labels} language={language} />

        <LinesTable kit={kit} lines={invoice.lines} language={language} labels={labels} />

        <View style={[styles.section, styles.spread]} wrap={false}>
          <View style={styles.half}>
            {!vatExempt && <VatTable kit={kit} breakdown={invoice.totals.vatBreakdown} language={language} labels={labels} />}
          </View>
          <View style={{ width: '42%' }}>
            <TotalsBox kit={kit} data={data} labels={labels} />
          </View>
        </View>

        <DeductionsTable kit={kit} data={data} labels={labels} />

        {data.copy && <PaymentsTable kit={kit} data={data} labels={labels} />}

        {data.copy && data.paymentPlan && <PlanTable kit={kit} plan={data.paymentPlan} language={language} business={business} />}

        {invoice.notes && <Text style={styles.section}>{invoice.notes}</Text>}

        <View style={styles.section} wrap={false}>
          {mentions.map((mention) => (
            <Text key={mention} style={{ marginBottom: 2 }}>
              {mention}
            </Text>
          ))}
        </View>

        {seller.iban && (
          <View style={[styles.section, { flexDirection: 'row', alignItems: 'center' }]} wrap={false}>
            <View style={{ flexGrow: 1 }}>
              <Text style={styles.heading}>{labels.bank}</Text>
              <Text>{`IBAN ${groupedIban(seller.iban)}`}</Text>
              {seller.bic && <Text>{`BIC ${seller.bic}`}</Text>}
              {qr && <Text style={{ marginTop: 4 }}>{labels.scanToPay}</Text>}
            </View>
            {qr && <EpcQrCode kit={kit} modules={qr} />}
          </View>
        )}

        <Footer kit={kit} seller={seller} labels={labels} numbering={numbering} />
      </Page>
    </Document>
  );
};
