import type { StatementPdfData } from '../../shared/app/aggregates/client-statement.js';
import { typesetKit } from './typography.js';
import { AmountRow, ClientBlock, Footer, SellerBlock } from './blocks.js';
import { invoiceLabels } from './invoice-labels.js';
import { euros, shortDate, type Language } from './format.js';
import type { PageNumbering, PdfDocument, PdfKit } from './kit.js';
import { styles } from './styles.js';

const LABELS = {
  fr: {
    title: 'Relevé de compte', asOf: 'Au', recipient: 'Client', date: 'Date', movement: 'Mouvement', debit: 'Débit', credit: 'Crédit', balance: 'Solde',
    kinds: { invoice: 'Facture', payment: 'Règlement', credit_note: 'Avoir' }, open: 'Factures ouvertes', due: 'Échéance', late: 'Retard (j)', total: 'Solde dû', overdue: 'Dont échu',
    empty: 'Aucune facture ouverte.', page: (n: number, total: number) => `Page ${n} / ${total}`, siren: 'SIREN', shareCapital: invoiceLabels('fr').shareCapital, vatNumber: 'TVA intracom.', phone: 'Tél.', email: 'E-mail',
  },
  en: {
    title: 'Statement of account', asOf: 'As of', recipient: 'Client', date: 'Date', movement: 'Entry', debit: 'Debit', credit: 'Credit', balance: 'Balance',
    kinds: { invoice: 'Invoice', payment: 'Payment', credit_note: 'Credit note' }, open: 'Open invoices', due: 'Due', late: 'Days late', total: 'Balance due', overdue: 'Of which overdue',
    empty: 'No open invoice.', page: (n: number, total: number) => `Page ${n} / ${total}`, siren: 'SIREN', shareCapital: invoiceLabels('en').shareCapital, vatNumber: 'VAT number', phone: 'Phone', email: 'Email',
  },
} as const;

/**
 * "Règlement F-2026-0001 · Virement · VIR-123": the invoice it pays, how, and the payer's reference;
 * "Avoir A-2026-0001 · F-2026-0008": the invoice it credits (it named the credit note alone, which the client cannot place).
 */
const entryText = (line: StatementPdfData['statement']['lines'][number], language: Language, numbers: ReadonlyMap<string, string | undefined>): string => {
  const method = line.method ? (invoiceLabels(language).methods[line.method] ?? line.method) : undefined;
  const credited = line.kind === 'credit_note' ? numbers.get(line.invoiceId) : undefined;
  return [`${LABELS[language].kinds[line.kind]} ${line.reference}`, credited, method, line.paymentReference].filter(Boolean).join(' · ');
};

/** Open invoices a summary kept on one page lists (two lines each at most: it fits a page). */
const OPEN_KEPT_WHOLE = 25;

const col = { date: { width: '14%' }, entry: { width: '38%' }, money: { width: '16%' } } as const;

/** A relevé de compte: every movement on the client's open invoices with a running balance, then the open invoices. */
export const statementDocument = (rawKit: PdfKit, data: StatementPdfData, numbering: PageNumbering = 'dynamic'): PdfDocument => {
  // French typography's no-break spaces in every text of a French document (./typography.ts).
  const kit = typesetKit(rawKit, data.language === 'fr');
  const { Document, Page, View, Text } = kit;
  const { seller, client, statement, language } = data;
  const l = LABELS[language as Language];
  const money = (cents: number) => (cents ? euros(cents, language) : '');
  const numbers = new Map(statement.openInvoices.map((i) => [i.id, i.number]));
  const lines = statement.openInvoices.map((i) => (
    <Text key={i.id} wrap={false}>{`${i.number ?? i.id} · ${l.due} ${shortDate(i.dueDate)} · ${euros(i.balanceCents, language)}${i.daysLate ? ` · ${l.late} ${i.daysLate}` : ''}`}</Text>
  ));
  // The heading never alone at the foot of a page: it goes with the first open invoice.
  const open = [
    <View key="h" wrap={false}>
      <Text style={styles.heading}>{l.open}</Text>
      {lines[0]}
    </View>,
    ...lines.slice(1),
  ];
  const totals = (
    <View style={{ width: '42%' }} wrap={false}>
      <AmountRow kit={kit} label={l.overdue} amount={euros(statement.overdueCents, language)} />
      <AmountRow kit={kit} label={l.total} amount={euros(statement.balanceCents, language)} grand />
    </View>
  );
  return (
    <Document title={`${l.title} ${client.name}`} author={seller.name} creator="Relances" producer="Relances" language={language}>
      <Page size="A4" style={styles.page}>
        <View style={styles.spread}>
          <SellerBlock kit={kit} seller={seller} labels={l} language={language as Language} />
          <View style={[styles.half, { alignItems: 'flex-end' }]}>
            <Text style={styles.title}>{l.title}</Text>
            <Text>{`${l.asOf} ${shortDate(statement.asOf)}`}</Text>
          </View>
        </View>
        {/* A country abroad by its name in the statement's language ("United Kingdom"), not its ISO code ("GB"). */}
        <ClientBlock kit={kit} client={client} heading={l.recipient} labels={l} language={language as Language} />
        <View style={[styles.section, styles.table]}>
          <View style={styles.headerRow} fixed>
            <Text style={[styles.cell, col.date]}>{l.date}</Text>
            <Text style={[styles.cell, col.entry]}>{l.movement}</Text>
            <Text style={[styles.num, col.money]}>{l.debit}</Text>
            <Text style={[styles.num, col.money]}>{l.credit}</Text>
            <Text style={[styles.num, col.money]}>{l.balance}</Text>
          </View>
          {statement.lines.map((line, i) => (
            <View key={i} style={styles.bodyRow} wrap={false}>
              <Text style={[styles.cell, col.date]}>{shortDate(line.date)}</Text>
              <Text style={[styles.cell, col.entry]}>{entryText(line, language as Language, numbers)}</Text>
              <Text style={[styles.num, col.money]}>{money(line.debitCents)}</Text>
              <Text style={[styles.num, col.money]}>{money(line.creditCents)}</Text>
              <Text style={[styles.num, col.money]}>{euros(line.balanceCents, language)}</Text>
            </View>
          ))}
          {statement.lines.length === 0 && <Text style={[styles.cell, { paddingVertical: 4 }]}>{l.empty}</Text>}
        </View>
        {/* The totals, whole, then the open invoices full width (beside the totals, « Retard (j) 91 » broke over two
            lines). The list is kept whole while it fits a page; a client with more open invoices has them over the next
            pages, heading kept with the first (one unbreakable block taller than a page was squeezed onto the last one,
            its lines printed over each other; totals beside a breaking list were squeezed at the foot of a page). */}
        <View style={[styles.section, { alignItems: 'flex-end' }]} wrap={false}>{totals}</View>
        <View style={styles.section} wrap={statement.openInvoices.length > OPEN_KEPT_WHOLE}>{open}</View>
        <Footer kit={kit} seller={seller} labels={l} numbering={numbering} />
      </Page>
    </Document>
  );
};
