import type { CreditNotePdfData } from '../../shared/app/ports.js';
import { typesetKit } from './typography.js';
import { AmountRow, ClientBlock, Footer, SellerBlock } from './blocks.js';
import { creditNoteLabels } from './credit-note-labels.js';
import { euros, labelled, shortDate } from './format.js';
import { VatTable } from './invoice-tables.js';
import { vatMentionOf } from './invoice-labels.js';
import type { PageNumbering, PdfDocument, PdfKit } from './kit.js';
import { styles } from './styles.js';

/**
 * A credit note (avoir): its own number, the invoice it corrects (number and date), the
 * reason, whether it cancels the invoice in full, and its amounts split by VAT rate like the
 * invoice (CGI 242 nonies A). Amounts are printed positive; no payment terms or
 * late-payment mentions.
 */
export const creditNoteDocument = (rawKit: PdfKit, data: CreditNotePdfData, numbering: PageNumbering = 'dynamic'): PdfDocument => {
  // French typography's no-break spaces in every text of a French document (./typography.ts).
  const kit = typesetKit(rawKit, data.language === 'fr');
  const { Document, Page, View, Text } = kit;
  const { seller, client, creditNote: note, language } = data;
  const labels = creditNoteLabels(language);
  const vatMention = vatMentionOf(labels, note.vatExemption, note.vatBreakdown.map((row) => row.vatRate));
  const title = `${labels.creditNote} ${note.number}`;

  return (
    <Document title={title} author={seller.name} creator="Relances" producer="Relances" language={language}>
      <Page size="A4" style={styles.page}>
        <View style={styles.spread}>
          <SellerBlock kit={kit} seller={seller} labels={labels} language={language} />
          <View style={[styles.half, { alignItems: 'flex-end' }]}>
            <Text style={styles.title}>{labels.creditNote}</Text>
            <Text style={[styles.bold, { fontSize: 11 }]}>{note.number}</Text>
            <Text>{labelled(labels.issueDate, shortDate(note.issueDate), language)}</Text>
          </View>
        </View>

        <ClientBlock kit={kit} client={client} heading={labels.recipient} labels={labels} language={language} />

        <View style={styles.section}>
          <Text style={styles.bold}>{labels.against(note.invoiceNumber, note.invoiceIssueDate)}</Text>
          <Text style={{ marginTop: 2 }}>{note.full ? labels.full : labels.partial}</Text>
          <Text style={{ marginTop: 2 }}>{labels.reason(note.reason)}</Text>
          {note.purpose === 'bad_debt' && <Text style={{ marginTop: 2 }}>{note.vatCents > 0 ? labels.badDebt : labels.badDebtNoVat}</Text>}
        </View>

        <View style={[styles.section, styles.spread]} wrap={false}>
          <View style={styles.half}>
            <VatTable kit={kit} breakdown={note.vatBreakdown} language={language} labels={{ ...labels, vatBreakdown: labels.amountsByRate }} />
          </View>
          <View style={{ width: '42%' }}>
            <AmountRow kit={kit} label={labels.totalNet} amount={euros(note.netCents, language)} />
            <AmountRow kit={kit} label={labels.totalVat} amount={euros(note.vatCents, language)} />
            <AmountRow kit={kit} label={labels.creditTotal} amount={euros(note.grossCents, language)} grand />
          </View>
        </View>

        {vatMention && <Text style={styles.section}>{vatMention}</Text>}

        <Footer kit={kit} seller={seller} labels={labels} numbering={numbering} />
      </Page>
    </Document>
  );
};
