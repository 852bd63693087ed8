import type { ProofFileData, ProofReminder } from '../../shared/app/proof-file.js';
import { AmountRow, Footer, SellerBlock } from './blocks.js';
import { addressLines, euros, percent, shortDate } from './format.js';
import type { PageNumbering, PdfDocument, PdfKit } from './kit.js';
import { styles } from './styles.js';

/** French only: the file is for a French court, agency or tax auditor. */
const L = {
  title: 'Dossier de preuves',
  subtitle: (number: string) => `Facture ${number}`,
  asOf: (date: string) => `Établi le ${shortDate(date)}, à partir des enregistrements de Relances`,
  debtor: 'Débiteur',
  invoice: 'Facture',
  number: 'Numéro',
  issueDate: "Date d'émission",
  dueDate: "Date d'échéance",
  sentAt: 'Envoyée le',
  emailedTo: 'Envoyée à',
  status: 'Statut',
  totalNet: 'Total HT',
  totalVat: 'TVA',
  totalGross: 'Total TTC',
  paid: 'Réglé',
  credited: 'Avoirs',
  balance: 'Reste dû',
  payments: 'Règlements',
  noPayment: 'Aucun règlement enregistré.',
  removed: (date: string) => ` (annulé le ${shortDate(date)})`,
  creditNotes: 'Avoirs',
  badDebt: ' — régularisation de TVA, créance irrécouvrable (CGI art. 272-1)',
  reminders: 'Relances envoyées',
  noReminder: 'Aucune relance envoyée.',
  manual: 'manuelle',
  to: 'Destinataires',
  messageId: 'Message-ID (SES)',
  delivery: 'Remise',
  noDelivery: 'aucun événement de remise reçu',
  formalNotice: 'Mise en demeure',
  formalNoticeSent: (date: string) => `Mise en demeure envoyée le ${shortDate(date)}`,
  posted: (date: string, tracking?: string) => `Lettre recommandée postée le ${shortDate(date)}${tracking ? `, n° de suivi ${tracking}` : ''}`,
  notPosted: 'Lettre recommandée : aucun envoi postal enregistré',
  noFormalNotice: 'Aucune mise en demeure envoyée.',
  events: 'Actions du client (portail) et événements du dossier',
  noEvent: 'Aucun événement.',
  penalties: 'Pénalités de retard',
  penaltiesConsumer: 'Client particulier : ni pénalités ni indemnité forfaitaire (C. conso. L111-8).',
  penaltyRow: (from: string, to: string, days: number, rate: string) => `du ${shortDate(from)} au ${shortDate(to)} : ${days} j à ${rate}`,
  penaltyTotal: (days: number) => `Pénalités au ${days}e jour de retard`,
  indemnity: 'Indemnité forfaitaire de recouvrement (D441-5)',
  rateSource: { table: 'taux BCE + 10 points, table publiée', contract: 'taux contractuel', estimated: 'taux estimé (semestre absent de la table)' },
  noPenalty: 'Aucun retard à ce jour.',
  statuses: { draft: 'brouillon', sent: 'envoyée', partially_paid: 'partiellement payée', paid: 'payée', cancelled: 'annulée', litigation: 'contentieux', written_off: 'créance irrécouvrable' } as Record<string, string>,
  channels: { email: 'e-mail', letter: 'courrier', sms: 'SMS' } as Record<string, string>,
  deliveryTypes: { 'email.delivered': 'délivré', 'email.bounced': 'rejeté (bounce)', 'email.complained': 'signalé comme spam', 'email.rejected': 'refusé', 'email.delayed': 'retardé' } as Record<string, string>,
  siren: 'SIREN',
  vatNumber: 'TVA intracom.',
  phone: 'Tél.',
  email: 'E-mail',
  page: (n: number, total: number) => `Page ${n} / ${total}`,
};

const dateTime = (instant: string) => `${shortDate(instant.slice(0, 10))} ${instant.slice(11, 16)} UTC`;

/** The case events in French words (a court reads the file); an event not listed keeps its code. */
const EVENT_LABELS: Record<string, string> = {
  'portal.viewed': 'Facture consultée par le client (portail)',
  'portal.paid_claimed': 'Le client déclare avoir payé (portail)',
  'portal.promised': 'Promesse de paiement du client (portail)',
  'portal.disputed': 'Contestation du client (portail)',
  'invoice.paused': 'Relances suspendues',
  'invoice.resumed': 'Relances reprises',
  'invoice.disputed': 'Litige enregistré',
  'invoice.dispute_resolved': 'Litige résolu',
  'invoice.litigation': 'Passage en contentieux',
  'invoice.litigation_left': 'Sortie du contentieux',
  'invoice.written_off': 'Créance déclarée irrécouvrable',
  'invoice.cancelled': 'Facture annulée',
  'credit_note.issued': 'Avoir émis',
  'plan.requested': 'Échéancier demandé par le client',
  'plan.created': 'Échéancier convenu',
  'plan.accepted': 'Échéancier demandé accepté',
  'plan.declined': 'Échéancier demandé refusé',
  'plan.client_notified': 'Client informé de la décision sur l’échéancier',
  'plan.client_notice_failed': 'Échec de l’envoi de la décision sur l’échéancier',
  'plan.ended': 'Fin de l’échéancier',
  'instalment.missed': 'Échéance manquée',
  'owner.alerted': 'Alerte au créancier',
};
const DATA_LABELS: Record<string, string> = {
  date: 'date', until: 'jusqu’au', reason: 'motif', reference: 'référence', number: 'n°', evidence: 'justificatif', auto: 'automatique',
  from: 'statut précédent', amountCents: 'montant', balanceCents: 'solde', dueDate: 'échéance', instalments: 'échéances', stepId: 'étape', creditNote: 'avoir',
};
/** Internal ids say nothing to a reader: the credit note is named by its number. */
const HIDDEN_DATA = new Set(['creditNoteId', 'paymentId']);

const dataValue = (key: string, v: string | number | boolean): string => {
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'number' && key.endsWith('Cents')) return euros(v, 'fr');
  if (key === 'from' && typeof v === 'string') return L.statuses[v] ?? v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return shortDate(v);
  return String(v);
};

export const eventLine = (e: ProofFileData['events'][number]): string => {
  const data = Object.entries(e.data ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null && typeof entry[1] !== 'object' && !HIDDEN_DATA.has(entry[0]))
    .map(([k, v]) => `${DATA_LABELS[k] ?? k} : ${dataValue(k, v)}`)
    .join(', ');
  return `${dateTime(e.at)} · ${EVENT_LABELS[e.type] ?? e.type}${data ? ` (${data})` : ''}`;
};

const reminderLines = (r: ProofReminder): string[] => [
  `${dateTime(r.at)} · ${L.channels[r.channel] ?? r.channel} · modèle ${r.templateId} · étape ${r.stepId}${r.manual ? ` (${L.manual})` : ''}${r.state !== 'sent' ? ` · ${r.state}${r.reason ? ` (${r.reason})` : ''}` : ''}`,
  `${L.to} : ${r.recipients.join(', ') || '—'}`,
  ...(r.messageId ? [`${L.messageId} :`, r.messageId] : []),
  `${L.delivery} : ${r.delivery.length ? r.delivery.map((d) => `${L.deliveryTypes[d.type] ?? d.type} le ${dateTime(d.at)}${d.detail ? ` (${d.detail})` : ''}`).join(' ; ') : L.noDelivery}`,
  ...(r.posted ? [L.posted(r.posted.at.slice(0, 10), r.posted.trackingNumber)] : []),
];

/** The proof file: invoice, payments, reminders with their message ids and delivery, mise en demeure, portal and case events, penalties. */
export const proofDocument = (kit: PdfKit, data: ProofFileData, numbering: PageNumbering = 'dynamic'): PdfDocument => {
  const { Document, Page, View, Text } = kit;
  const { seller, client, invoice, penalties } = data;
  const number = invoice.number ?? invoice.id;
  const money = (cents: number) => euros(cents, 'fr');
  const notices = data.reminders.filter((r) => r.formalNotice);
  // A fixed creation date (the day of the file) keeps the bytes the same for the same records.
  const creationDate = new Date(`${data.asOf}T00:00:00Z`);
  return (
    <Document title={`${L.title} ${number}`} author={seller.name} creator="Relances" producer="Relances" language="fr" creationDate={creationDate} modificationDate={creationDate}>
      <Page size="A4" style={styles.page}>
        <View style={styles.spread}>
          <SellerBlock kit={kit} seller={seller} labels={L} />
          <View style={[styles.half, { alignItems: 'flex-end' }]}>
            <Text style={styles.title}>{L.title}</Text>
            <Text style={styles.bold}>{L.subtitle(number)}</Text>
            <Text style={styles.small}>{L.asOf(data.asOf)}</Text>
          </View>
        </View>

        <View style={styles.section}>
          <Text style={styles.heading}>{L.debtor}</Text>
          <Text style={styles.bold}>{client.name}</Text>
          {[...addressLines(client.address), ...(client.siren ? [`${L.siren} ${client.siren}`] : []), `${L.email} ${client.email}`].map((line) => (
            <Text key={line}>{line}</Text>
          ))}
        </View>

        <View style={[styles.section, styles.spread]} wrap={false}>
          <View style={styles.half}>
            <Text style={styles.heading}>{L.invoice}</Text>
            <Text>{`${L.number} : ${number}`}</Text>
            <Text>{`${L.issueDate} : ${shortDate(invoice.issueDate)}`}</Text>
            <Text>{`${L.dueDate} : ${shortDate(invoice.dueDate)}`}</Text>
            {invoice.sentAt && <Text>{`${L.sentAt} : ${dateTime(invoice.sentAt)}`}</Text>}
            {invoice.emailedTo && <Text>{`${L.emailedTo} : ${invoice.emailedTo}`}</Text>}
            <Text>{`${L.status} : ${L.statuses[invoice.status] ?? invoice.status}`}</Text>
          </View>
          <View style={{ width: '42%' }}>
            <AmountRow kit={kit} label={L.totalNet} amount={money(invoice.totals.netCents)} />
            <AmountRow kit={kit} label={L.totalVat} amount={money(invoice.totals.vatCents)} />
            <AmountRow kit={kit} label={L.totalGross} amount={money(invoice.totals.grossCents - (invoice.deductedCents ?? 0))} />
            <AmountRow kit={kit} label={L.paid} amount={money(invoice.paidCents)} />
            <AmountRow kit={kit} label={L.credited} amount={money(invoice.creditedCents)} />
            <AmountRow kit={kit} label={L.balance} amount={money(data.balanceCents)} grand />
          </View>
        </View>

        <View style={styles.section}>
          <Text style={styles.heading}>{L.payments}</Text>
          {data.payments.length === 0 && <Text>{L.noPayment}</Text>}
          {data.payments.map((p) => (
            <Text key={p.id}>{`${shortDate(p.date)} · ${money(p.amountCents)} · ${p.method}${p.reference ? ` · ${p.reference}` : ''}${p.removedAt ? L.removed(p.removedAt.slice(0, 10)) : ''}`}</Text>
          ))}
          {data.creditNotes.length > 0 && <Text style={[styles.heading, { marginTop: 8 }]}>{L.creditNotes}</Text>}
          {data.creditNotes.map((c) => (
            <Text key={c.id}>{`${c.number} du ${shortDate(c.issueDate)} · ${money(c.grossCents)} · ${c.reason}${c.purpose === 'bad_debt' ? L.badDebt : ''}`}</Text>
          ))}
        </View>

        <View style={styles.section}>
          <Text style={styles.heading}>{L.reminders}</Text>
          {data.reminders.length === 0 && <Text>{L.noReminder}</Text>}
          {data.reminders.map((r, i) => (
            <View key={`${r.stepId}-${i}`} style={[styles.bodyRow, { flexDirection: 'column' }]} wrap={false}>
              {reminderLines(r).map((line, j) => (
                <Text key={j} style={j === 0 ? styles.bold : undefined}>
                  {line}
                </Text>
              ))}
            </View>
          ))}
        </View>

        <View style={styles.section} wrap={false}>
          <Text style={styles.heading}>{L.formalNotice}</Text>
          {notices.length === 0 && <Text>{L.noFormalNotice}</Text>}
          {notices.map((r, i) => (
            <View key={i}>
              <Text>{`${L.formalNoticeSent(r.at.slice(0, 10))} (${L.channels[r.channel] ?? r.channel}${r.messageId ? `, ${L.messageId} ${r.messageId}` : ''})`}</Text>
              <Text>{r.posted ? L.posted(r.posted.at.slice(0, 10), r.posted.trackingNumber) : L.notPosted}</Text>
            </View>
          ))}
        </View>

        <View style={styles.section}>
          <Text style={styles.heading}>{L.events}</Text>
          {data.events.length === 0 && <Text>{L.noEvent}</Text>}
          {data.events.map((e, i) => (
            <Text key={i}>{eventLine(e)}</Text>
          ))}
        </View>

        <View style={styles.section} wrap={false}>
          <Text style={styles.heading}>{L.penalties}</Text>
          {client.kind === 'consumer' ? (
            <Text>{L.penaltiesConsumer}</Text>
          ) : penalties.days === 0 || data.balanceCents === 0 ? (
            <Text>{L.noPenalty}</Text>
          ) : (
            <View>
              <Text>{`${money(data.balanceCents)} × taux annuel × jours / 365 (${L.rateSource[penalties.rateSource]})`}</Text>
              {penalties.breakdown.map((row) => (
                <AmountRow key={row.semester} kit={kit} label={L.penaltyRow(row.from, row.to, row.days, percent(row.ratePercent, 'fr'))} amount={money(row.cents)} />
              ))}
              <AmountRow kit={kit} label={L.penaltyTotal(penalties.days)} amount={money(penalties.cents)} />
              <AmountRow kit={kit} label={L.indemnity} amount={money(penalties.indemnityCents)} />
              <AmountRow kit={kit} label={L.balance} amount={money(data.balanceCents + penalties.cents + penalties.indemnityCents)} grand />
            </View>
          )}
        </View>
        <Footer kit={kit} seller={seller} labels={L} numbering={numbering} />
      </Page>
    </Document>
  );
};
