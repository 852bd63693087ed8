import type { ReactElement } from 'react';
import type { InvoicePdfData } from '../../shared/app/ports.js';
import { lineTotals } from '../../shared/domain/invoice.js';
import { decimal, euros, percent, shortDate } from './format.js';
import type { InvoiceLabels } from './invoice-labels.js';
import type { PdfKit } from './kit.js';
import { styles } from './styles.js';

interface TableProps {
  readonly kit: PdfKit;
  readonly data: InvoicePdfData;
  readonly labels: InvoiceLabels;
}

const widths = { description: '46%', quantity: '9%', unitPrice: '16%', vatRate: '9%', net: '20%' } as const;

export const LinesTable = ({ kit: { View, Text }, data, labels }: TableProps): ReactElement => {
  const lang = data.language;
  return (
    <View style={[styles.section, styles.table]}>
      <View style={styles.headerRow} fixed>
        <Text style={[styles.cell, { width: widths.description }]}>{labels.description}</Text>
        <Text style={[styles.num, { width: widths.quantity }]}>{labels.quantity}</Text>
        <Text style={[styles.num, { width: widths.unitPrice }]}>{labels.unitPrice}</Text>
        <Text style={[styles.num, { width: widths.vatRate }]}>{labels.vatRate}</Text>
        <Text style={[styles.num, { width: widths.net }]}>{labels.lineNet}</Text>
      </View>
      {data.invoice.lines.map((line, i) => (
        <View key={i} style={styles.bodyRow} wrap={false}>
          <Text style={[styles.cell, { width: widths.description }]}>{line.description}</Text>
          <Text style={[styles.num, { width: widths.quantity }]}>{decimal(line.quantity, lang)}</Text>
          <Text style={[styles.num, { width: widths.unitPrice }]}>{euros(line.unitPriceCents, lang)}</Text>
          <Text style={[styles.num, { width: widths.vatRate }]}>{percent(line.vatRate, lang)}</Text>
          <Text style={[styles.num, { width: widths.net }]}>{euros(lineTotals(line).netCents, lang)}</Text>
        </View>
      ))}
    </View>
  );
};

export const VatTable = ({ kit: { View, Text }, data, labels }: TableProps): ReactElement => {
  const lang = data.language;
  return (
    <View wrap={false}>
      <Text style={styles.heading}>{labels.vatBreakdown}</Text>
      <View style={styles.table}>
        <View style={styles.headerRow}>
          <Text style={[styles.cell, { width: '30%' }]}>{labels.vatRate}</Text>
          <Text style={[styles.num, { width: '35%' }]}>{labels.vatBase}</Text>
          <Text style={[styles.num, { width: '35%' }]}>{labels.vatAmount}</Text>
        </View>
        {data.invoice.totals.vatBreakdown.map((row) => (
          <View key={row.vatRate} style={styles.bodyRow}>
            <Text style={[styles.cell, { width: '30%' }]}>{percent(row.vatRate, lang)}</Text>
            <Text style={[styles.num, { width: '35%' }]}>{euros(row.netCents, lang)}</Text>
            <Text style={[styles.num, { width: '35%' }]}>{euros(row.vatCents, lang)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
};

export const TotalsBox = ({ kit: { View, Text }, data, labels }: TableProps): ReactElement => {
  const { language: lang, invoice } = data;
  const line = (label: string, cents: number) => (
    <View style={styles.totalRow}>
      <Text>{label}</Text>
      <Text>{euros(cents, lang)}</Text>
    </View>
  );
  return (
    <View wrap={false}>
      {line(labels.totalNet, invoice.totals.netCents)}
      {line(labels.totalVat, invoice.totals.vatCents)}
      {line(labels.totalGross, invoice.totals.grossCents)}
      {invoice.paidCents > 0 && line(labels.alreadyPaid, invoice.paidCents)}
      {invoice.creditedCents > 0 && line(labels.credited, invoice.creditedCents)}
      <View style={styles.grandTotal}>
        <Text>{labels.balance}</Text>
        <Text>{euros(data.balanceCents, lang)}</Text>
      </View>
    </View>
  );
};

/** Payments still on the invoice (a removed payment keeps its record but no longer counts). */
export const PaymentsTable = ({ kit: { View, Text }, data, labels }: TableProps): ReactElement | null => {
  const payments = data.payments.filter((p) => !p.removedAt);
  if (payments.length === 0) return null;
  return (
    <View style={styles.section} wrap={false}>
      <Text style={styles.heading}>{labels.payments}</Text>
      <View style={styles.table}>
        <View style={styles.headerRow}>
          <Text style={[styles.cell, { width: '30%' }]}>{labels.date}</Text>
          <Text style={[styles.cell, { width: '40%' }]}>{labels.method}</Text>
          <Text style={[styles.num, { width: '30%' }]}>{labels.amount}</Text>
        </View>
        {payments.map((p) => (
          <View key={p.id} style={styles.bodyRow}>
            <Text style={[styles.cell, { width: '30%' }]}>{shortDate(p.date)}</Text>
            <Text style={[styles.cell, { width: '40%' }]}>{labels.methods[p.method] ?? p.method}</Text>
            <Text style={[styles.num, { width: '30%' }]}>{euros(p.amountCents, data.language)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
};
