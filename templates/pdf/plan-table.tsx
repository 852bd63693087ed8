import type { ReactElement } from 'react';
import type { PlanOnDocument } from '../../shared/domain/payment-plan.js';
import { euros, shortDate, type Language } from './format.js';
import type { PdfKit } from './kit.js';
import { styles } from './styles.js';


const labels = {
  fr: {
    heading: "Rappel de l'échéancier",
    columns: ['Échéance', 'Date', 'Montant', 'Reste dû', 'Statut'],
    status: { pending: 'À venir', paid: 'Réglée', late: 'En retard' },
    waived: "Dans le cadre de cet échéancier, nous renonçons aux pénalités de retard et à l'indemnité forfaitaire de recouvrement tant qu'il est respecté.",
  },
  en: {
    heading: 'Your payment plan',
    columns: ['Instalment', 'Date', 'Amount', 'Still due', 'Status'],
    status: { pending: 'Upcoming', paid: 'Paid', late: 'Late' },
    waived: 'Under this payment plan, we waive the late-payment penalties and the fixed recovery indemnity for as long as it is kept.',
  },
} as const;

const widths = ['16%', '22%', '22%', '22%', '18%'] as const;

/** "Rappel de l'échéancier": printed on reminder copies and letters while a plan runs. */
export const PlanTable = ({ kit: { View, Text }, plan, language, business }: { kit: PdfKit; plan: PlanOnDocument; language: Language; business: boolean }): ReactElement => {
  const t = labels[language];
  return (
    <View style={styles.section} wrap={false}>
      <Text style={styles.heading}>{t.heading}</Text>
      <View style={styles.table}>
        <View style={styles.headerRow}>
          {t.columns.map((c, i) => (
            <Text key={c} style={[i < 2 ? styles.cell : styles.num, { width: widths[i] }]}>
              {c}
            </Text>
          ))}
        </View>
        {plan.rows.map((row, i) => (
          <View key={row.dueDate} style={styles.bodyRow}>
            <Text style={[styles.cell, { width: widths[0] }]}>{`${i + 1} / ${plan.rows.length}`}</Text>
            <Text style={[styles.cell, { width: widths[1] }]}>{shortDate(row.dueDate)}</Text>
            <Text style={[styles.num, { width: widths[2] }]}>{euros(row.amountCents, language)}</Text>
            <Text style={[styles.num, { width: widths[3] }]}>{euros(row.dueCents, language)}</Text>
            <Text style={[styles.num, { width: widths[4] }]}>{t.status[row.status]}</Text>
          </View>
        ))}
      </View>
      {business && plan.waivePenalties && <Text style={[styles.small, { marginTop: 4 }]}>{t.waived}</Text>}
    </View>
  );
};
