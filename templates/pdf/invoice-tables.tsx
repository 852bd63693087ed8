import type { ReactElement } from 'react';
import type { DepositDeduction, InvoicePdfData } from '../../shared/app/ports.js';
import { lineTotals, vatNetOfDeductions, type InvoiceLine, type VatBreakdownRow } from '../../shared/domain/invoice.js';
import { AmountRow } from './blocks.js';
import { euros, percent, quantity, shortDate, type Language } from './format.js';
import type { InvoiceLabels } from './invoice-labels.js';
import type { PdfKit } from './kit.js';
import { styles } from './styles.js';

interface TableProps {
  readonly kit: PdfKit;
  readonly data: InvoicePdfData;
  readonly labels: InvoiceLabels;
}

type TableLabels = Pick<InvoiceLabels, 'description' | 'quantity' | 'unitPrice' | 'vatRate' | 'lineNet'>;
type VatLabels = Pick<InvoiceLabels, 'vatBreakdown' | 'vatRate' | 'vatBase' | 'vatAmount'>;

const widths = { description: '46%', quantity: '9%', unitPrice: '16%', vatRate: '9%', net: '20%' } as const;

/** The priced lines of an invoice or a quote; the header row repeats on each page. */
export const LinesTable = ({ kit: { View, Text }, lines, language: lang, labels }: { kit: PdfKit; lines: readonly InvoiceLine[]; language: Language; labels: TableLabels }): ReactElement => (
  <View style={[styles.section, styles.table]}>
    <View style={styles.headerRow} fixed>
      <Text style={[styles.cell, { width: widths.description }]}>{labels.description}</Text>
      <Text style={[styles.num, { width: widths.quantity }]}>{labels.quantity}</Text>
      <Text style={[styles.num, { width: widths.unitPrice }]}>{labels.unitPrice}</Text>
      <Text style={[styles.num, { width: widths.vatRate }]}>{labels.vatRate}</Text>
      <Text style={[styles.num, { width: widths.net }]}>{labels.lineNet}</Text>
    </View>
    {lines.map((line, i) => (
      <View key={i} style={styles.bodyRow} wrap={false}>
        <Text style={[styles.cell, { width: widths.description }]}>{line.description}</Text>
        <Text style={[styles.num, { width: widths.quantity }]}>{quantity(line.quantity, lang)}</Text>
        <Text style={[styles.num, { width: widths.unitPrice }]}>{euros(line.unitPriceCents, lang)}</Text>
        <Text style={[styles.num, { width: widths.vatRate }]}>{percent(line.vatRate, lang)}</Text>
        <Text style={[styles.num, { width: widths.net }]}>{euros(lineTotals(line).netCents, lang)}</Text>
      </View>
    ))}
  </View>
);

/** Net and VAT per rate (CGI 242 nonies A), for invoices, quotes and credit notes. */
export const VatTable = ({ kit: { View, Text }, breakdown, language: lang, labels }: { kit: PdfKit; breakdown: readonly VatBreakdownRow[]; language: Language; labels: VatLabels }): ReactElement => (
  <View wrap={false}>
    <Text style={styles.heading}>{labels.vatBreakdown}</Text>
    <View style={styles.table}>
      <View style={styles.headerRow}>
        <Text style={[styles.cell, { width: '30%' }]}>{labels.vatRate}</Text>
        <Text style={[styles.num, { width: '35%' }]}>{labels.vatBase}</Text>
        <Text style={[styles.num, { width: '35%' }]}>{labels.vatAmount}</Text>
      </View>
      {breakdown.map((row) => (
        <View key={row.vatRate} style={styles.bodyRow}>
          <Text style={[styles.cell, { width: '30%' }]}>{percent(row.vatRate, lang)}</Text>
          <Text style={[styles.num, { width: '35%' }]}>{euros(row.netCents, lang)}</Text>
          <Text style={[styles.num, { width: '35%' }]}>{euros(row.vatCents, lang)}</Text>
        </View>
      ))}
    </View>
  </View>
);

/** The deposit invoices a final invoice deducts (CGI 289); empty for any other invoice. */
export const deductionsOf = (data: InvoicePdfData): readonly DepositDeduction[] =>
  data.invoice.kind === 'final' ? (data.invoice.deductions ?? []) : [];

const deductedCentsOf = (data: InvoicePdfData): number =>
  data.invoice.deductedCents ?? deductionsOf(data).reduce((sum, d) => sum + d.grossCents, 0);

/** Payments and credits on the invoice, then the balance: the last figure of the invoice. */
const Settlement = ({ kit, data, labels }: TableProps): ReactElement => {
  const { language: lang, invoice } = data;
  return (
    <>
      {invoice.paidCents > 0 && <AmountRow kit={kit} label={labels.alreadyPaid} amount={euros(invoice.paidCents, lang)} />}
      {invoice.creditedCents > 0 && <AmountRow kit={kit} label={labels.credited} amount={euros(invoice.creditedCents, lang)} />}
      <AmountRow kit={kit} label={labels.balance} amount={euros(data.balanceCents, lang)} grand />
    </>
  );
};

/**
 * Invoice totals. A final invoice that deducts deposits stops at the total TTC here: the
 * deductions, the net to pay and the balance follow in `DeductionsTable`.
 */
export const TotalsBox = ({ kit, data, labels }: TableProps): ReactElement => {
  const { View } = kit;
  const { language: lang, invoice } = data;
  const final = deductionsOf(data).length > 0;
  return (
    <View wrap={false}>
      <AmountRow kit={kit} label={labels.totalNet} amount={euros(invoice.totals.netCents, lang)} />
      <AmountRow kit={kit} label={labels.totalVat} amount={euros(invoice.totals.vatCents, lang)} />
      <AmountRow kit={kit} label={labels.totalGross} amount={euros(invoice.totals.grossCents, lang)} grand={final} />
      {!final && <Settlement kit={kit} data={data} labels={labels} />}
    </View>
  );
};

/**
 * "Acomptes déduits": each deposit invoice (number, date, amounts), their total and the net to
 * pay (total TTC − deposits). Payments or credit notes on the final invoice itself come after,
 * so that the balance stays the last figure.
 */
export const DeductionsTable = ({ kit, data, labels }: TableProps): ReactElement | null => {
  const { View, Text } = kit;
  const { language: lang, invoice } = data;
  const deductions = deductionsOf(data);
  if (deductions.length === 0) return null;
  const deducted = deductedCentsOf(data);
  const net = invoice.totals.grossCents - deducted;
  const settled = invoice.paidCents > 0 || invoice.creditedCents > 0 || data.balanceCents !== net;
  // The VAT per rate the final invoice still bills: the job's rows less the deposits' (CGI 289).
  const remaining = invoice.totals.vatBreakdown.some((r) => r.vatRate !== 0) ? vatNetOfDeductions(invoice.totals.vatBreakdown, deductions) : undefined;
  const w = ['26%', '16%', '19%', '19%', '20%'] as const;
  return (
    <View style={styles.section} wrap={false}>
      <Text style={styles.heading}>{labels.deductions}</Text>
      <View style={styles.table}>
        <View style={styles.headerRow}>
          {labels.deductionColumns.map((column, i) => (
            <Text key={column} style={[i < 2 ? styles.cell : styles.num, { width: w[i] }]}>
              {column}
            </Text>
          ))}
        </View>
        {deductions.map((d) => (
          <View key={d.invoiceId} style={styles.bodyRow}>
            {[d.number, shortDate(d.issueDate), euros(d.netCents, lang), euros(d.vatCents, lang), euros(d.grossCents, lang)].map((cell, i) => (
              <Text key={i} style={[i < 2 ? styles.cell : styles.num, { width: w[i] }]}>
                {cell}
              </Text>
            ))}
          </View>
        ))}
      </View>
      <View style={{ marginTop: 6, marginLeft: '58%' }}>
        <AmountRow kit={kit} label={labels.totalDeposits} amount={euros(deducted, lang)} />
        <AmountRow kit={kit} label={labels.netToPay} amount={euros(net, lang)} grand={!settled} />
        {settled && <Settlement kit={kit} data={data} labels={labels} />}
      </View>
      {remaining && (
        <View style={{ marginTop: 6, width: '50%' }}>
          <VatTable kit={kit} breakdown={remaining} language={lang} labels={{ ...labels, vatBreakdown: labels.vatAfterDeposits }} />
        </View>
      )}
    </View>
  );
};

/**
 * Payments a table kept whole fits on one page (and moves to the next when the page is full); a longer list breaks
 * across pages, its header row repeated: one unbreakable block taller than a page made react-pdf squeeze the page.
 */
const PAYMENTS_KEPT_WHOLE = 30;

/** Payments still on the invoice (a removed payment keeps its record but no longer counts). */
export const PaymentsTable = ({ kit: { View, Text }, data, labels }: TableProps): ReactElement | null => {
  const payments = data.payments.filter((p) => !p.removedAt);
  if (payments.length === 0) return null;
  const whole = payments.length <= PAYMENTS_KEPT_WHOLE;
  return (
    <View style={styles.section} wrap={!whole}>
      <Text style={styles.heading} minPresenceAhead={40}>{labels.payments}</Text>
      <View style={styles.table}>
        <View style={styles.headerRow} fixed={!whole}>
          <Text style={[styles.cell, { width: '30%' }]}>{labels.date}</Text>
          <Text style={[styles.cell, { width: '40%' }]}>{labels.method}</Text>
          <Text style={[styles.num, { width: '30%' }]}>{labels.amount}</Text>
        </View>
        {payments.map((p) => (
          <View key={p.id} style={styles.bodyRow} wrap={false}>
            <Text style={[styles.cell, { width: '30%' }]}>{shortDate(p.date)}</Text>
            <Text style={[styles.cell, { width: '40%' }]}>{labels.methods[p.method] ?? p.method}</Text>
            <Text style={[styles.num, { width: '30%' }]}>{euros(p.amountCents, data.language)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
};
