import type { ProofFileData, ProofReminder } from '../../shared/app/proof-file.js';
import { typesetKit } from './typography.js';
import { AmountRow, Footer, SellerBlock } from './blocks.js';
import { rowsAddingUp } from '../../shared/domain/penalties.js';
import { addressLines, countryName, euros, percent, shortDate, type Language } from './format.js';
import type { PageNumbering, PdfDocument, PdfKit } from './kit.js';
import { proofLabels, type ProofText } from './proof-labels.js';
import { styles } from './styles.js';

const dateTime = (instant: string) => `${shortDate(instant.slice(0, 10))} ${instant.slice(11, 16)} UTC`;

/** Internal ids say nothing to a reader: the credit note is named by its number. */
const HIDDEN_DATA = new Set(['creditNoteId', 'paymentId']);

const dataValue = (type: string, key: string, v: string | number | boolean, language: Language): string => {
  const L = proofLabels(language);
  if (typeof v === 'boolean') return v ? L.yes : L.no;
  if (typeof v === 'number' && key.endsWith('Cents')) return euros(v, language);
  // A plan's instalments are stored from 0; a reader counts them from 1.
  if (key === 'instalment' && typeof v === 'number') return String(v + 1);
  // A status (litigation's `from`, `to`) in words; a due date moved (`from`, `to` are dates) falls through to the date below.
  if ((key === 'from' || key === 'to') && typeof v === 'string' && L.statuses[v]) return L.statuses[v];
  const code = typeof v === 'string' ? (L.dataCodes[`${type}:${key}`] ?? L.dataCodes[key])?.[v] : undefined;
  if (code) return code;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return shortDate(v);
  return String(v);
};

/** One payment: date, amount, the method in words, its reference, and when it was removed. */
export const paymentLine = (p: ProofFileData['payments'][number], language: Language = 'fr'): string => {
  const L = proofLabels(language);
  return `${shortDate(p.date)} · ${euros(p.amountCents, language)} · ${L.methods[p.method] ?? p.method}${p.reference ? ` · ${p.reference}` : ''}${p.removedAt ? L.removed(p.removedAt.slice(0, 10)) : ''}`;
};

/** One case event in words, with its data (amounts in euros, dates as a reader writes them); an event not listed keeps its code. */
export const eventLine = (e: ProofFileData['events'][number], language: Language = 'fr'): string => {
  const L = proofLabels(language);
  const data = Object.entries(e.data ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null && typeof entry[1] !== 'object' && !HIDDEN_DATA.has(entry[0]))
    .map(([k, v]) => `${L.dataKeys[`${e.type}:${k}`] ?? L.dataKeys[k] ?? k}${L.colon}${dataValue(e.type, k, v, language)}`)
    .join(', ');
  return `${dateTime(e.at)} · ${L.eventTypes[e.type] ?? e.type}${data ? ` (${data})` : ''}`;
};

/**
 * A plan's instalments (`plan.created`) or those the client proposed (`plan.requested`), one line each, in the order
 * recorded: printed under the event, as the schedule agreed or asked for matters to a court or an agency.
 */
export const eventInstalmentLines = (e: ProofFileData['events'][number], language: Language = 'fr'): string[] => {
  if (e.type !== 'plan.created' && e.type !== 'plan.requested') return [];
  const list = e.data?.instalments;
  if (!Array.isArray(list)) return [];
  const L = proofLabels(language);
  const rows = list.filter((i): i is { dueDate: string; amountCents: number } => typeof i?.dueDate === 'string' && typeof i?.amountCents === 'number');
  return rows.map((i, n) => L.instalmentLine(n + 1, rows.length, i.dueDate, euros(i.amountCents, language), e.type === 'plan.requested'));
};

const deliveryLine = (delivery: ProofReminder['delivery'], L: ProofText): string =>
  `${L.delivery}${L.colon}${delivery.length ? delivery.map((d) => `${L.deliveredAt(L.deliveryTypes[d.type] ?? d.type, dateTime(d.at))}${d.detail ? ` (${d.detail})` : ''}`).join(L.listSeparator) : L.noDelivery}`;

const reminderLines = (r: ProofReminder, L: ProofText): string[] => [
  `${dateTime(r.at)} · ${L.reminderHead(L.channels[r.channel] ?? r.channel, r.templateId, r.stepId)}${r.manual ? ` (${L.manual})` : ''}${r.state !== 'sent' ? ` · ${L.stepStates[r.state] ?? r.state}${r.reason ? ` (${L.stepReasons[r.reason] ?? r.reason})` : ''}` : ''}`,
  `${L.to}${L.colon}${r.recipients.join(', ') || '—'}`,
  ...(r.messageId ? [`${r.channel === 'sms' ? L.smsMessageId : L.messageId}${L.colon.trimEnd()}`, r.messageId] : []),
  // A letter is delivered by the post (its posting below), not by an SES event.
  ...(r.channel === 'letter' ? [] : [deliveryLine(r.delivery, L)]),
  ...(r.letterSha256 ? [`${L.letterSha256}${L.colon.trimEnd()}`, r.letterSha256] : []),
  ...(r.posted ? [L.posted(r.posted.at.slice(0, 10), r.posted.trackingNumber)] : []),
];

/** The proof file: invoice, payments, reminders with their message ids and delivery, mise en demeure, portal and case events, penalties. */
/** Mises en demeure (two lines each) and penalty rows (one line each) a section keeps on one page: they fit one. */
const NOTICES_KEPT_WHOLE = 12;
const PENALTY_ROWS_KEPT_WHOLE = 30;

export const proofDocument = (rawKit: PdfKit, data: ProofFileData, numbering: PageNumbering = 'dynamic'): PdfDocument => {
  // French typography's no-break spaces in every text of a French document (./typography.ts).
  const kit = typesetKit(rawKit, data.language === 'fr');
  const { Document, Page, View, Text } = kit;
  const { seller, client, invoice, penalties } = data;
  const language = data.language;
  const L = proofLabels(language);
  const number = invoice.number ?? invoice.id;
  const money = (cents: number) => euros(cents, language);
  const notices = data.reminders.filter((r) => r.formalNotice);
  // A fixed creation date (the day of the file) keeps the bytes the same for the same records.
  const creationDate = new Date(`${data.asOf}T00:00:00Z`);
  return (
    <Document title={`${L.title} ${number}`} author={seller.name} creator="Relances" producer="Relances" language={language} creationDate={creationDate} modificationDate={creationDate}>
      <Page size="A4" style={styles.page}>
        <View style={styles.spread}>
          <SellerBlock kit={kit} seller={seller} labels={L} language={language} />
          <View style={[styles.half, { alignItems: 'flex-end' }]}>
            <Text style={styles.title}>{L.title}</Text>
            <Text style={styles.bold}>{L.subtitle(number)}</Text>
            <Text style={styles.small}>{L.asOf(data.asOf)}</Text>
          </View>
        </View>

        <View style={styles.section}>
          <Text style={styles.heading}>{L.debtor}</Text>
          <Text style={styles.bold}>{client.name}</Text>
          {[...addressLines(client.address, countryName(language)), ...(client.siren ? [`${L.siren} ${client.siren}`] : []), `${L.email} ${client.email}`].map((line) => (
            <Text key={line}>{line}</Text>
          ))}
        </View>

        <View style={[styles.section, styles.spread]} wrap={false}>
          <View style={styles.half}>
            <Text style={styles.heading}>{L.invoice}</Text>
            <Text>{`${L.number}${L.colon}${number}`}</Text>
            <Text>{`${L.issueDate}${L.colon}${shortDate(invoice.issueDate)}`}</Text>
            <Text>{`${L.dueDate}${L.colon}${shortDate(invoice.dueDate)}`}</Text>
            {invoice.sentAt && <Text>{`${L.sentAt}${L.colon}${dateTime(invoice.sentAt)}`}</Text>}
            {invoice.emailedTo && <Text>{`${L.emailedTo}${L.colon}${invoice.emailedTo}`}</Text>}
            {data.invoiceEmail && <Text>{`${L.messageId}${L.colon}${data.invoiceEmail.messageId}`}</Text>}
            {data.invoiceEmail && <Text>{deliveryLine(data.invoiceEmail.delivery, L)}</Text>}
            <Text>{`${L.status}${L.colon}${L.statuses[invoice.status] ?? invoice.status}`}</Text>
          </View>
          <View style={{ width: '42%' }}>
            <AmountRow kit={kit} label={L.totalNet} amount={money(invoice.totals.netCents)} />
            <AmountRow kit={kit} label={L.totalVat} amount={money(invoice.totals.vatCents)} />
            {/* HT + TVA = TTC as on the invoice; a final invoice's deposits follow (it printed TTC net of them under the job's HT and VAT). */}
            <AmountRow kit={kit} label={L.totalGross} amount={money(invoice.totals.grossCents)} />
            {(invoice.deductedCents ?? 0) > 0 && <AmountRow kit={kit} label={L.deducted} amount={money(invoice.deductedCents!)} />}
            <AmountRow kit={kit} label={L.paid} amount={money(invoice.paidCents)} />
            <AmountRow kit={kit} label={L.credited} amount={money(invoice.creditedCents)} />
            <AmountRow kit={kit} label={L.balance} amount={money(data.balanceCents)} grand />
          </View>
        </View>

        <View style={styles.section}>
          <Text style={styles.heading}>{L.payments}</Text>
          {data.payments.length === 0 && <Text>{L.noPayment}</Text>}
          {data.payments.map((p) => (
            <Text key={p.id}>{paymentLine(p, language)}</Text>
          ))}
          {data.creditNotes.length > 0 && <Text style={[styles.heading, { marginTop: 8 }]}>{L.creditNotes}</Text>}
          {data.creditNotes.map((c) => (
            <Text key={c.id}>{`${L.creditNote(c.number, c.issueDate)} · ${money(c.grossCents)} · ${c.reason}${c.purpose === 'bad_debt' ? (c.vatCents > 0 ? L.badDebt : L.badDebtNoVat) : ''}`}</Text>
          ))}
        </View>

        <View style={styles.section}>
          <Text style={styles.heading}>{L.reminders}</Text>
          {data.reminders.length === 0 && <Text>{L.noReminder}</Text>}
          {data.reminders.map((r, i) => (
            <View key={`${r.stepId}-${i}`} style={[styles.bodyRow, { flexDirection: 'column' }]} wrap={false}>
              {reminderLines(r, L).map((line, j) => (
                <Text key={j} style={j === 0 ? styles.bold : undefined}>
                  {line}
                </Text>
              ))}
            </View>
          ))}
        </View>

        {/* Kept whole while it fits a page, else over the next pages, each notice whole (one unbreakable block taller than
            a page made react-pdf squeeze the page it landed on, its lines printed over each other). */}
        <View style={styles.section} wrap={notices.length > NOTICES_KEPT_WHOLE}>
          <Text style={styles.heading} minPresenceAhead={24}>{L.formalNotice}</Text>
          {notices.length === 0 && <Text>{L.noFormalNotice}</Text>}
          {notices.map((r, i) => (
            <View key={i} wrap={false}>
              <Text>{`${r.state === 'sent' ? L.formalNoticeSent(r.at.slice(0, 10)) : L.formalNoticeNotSent(r.at.slice(0, 10), L.stepStates[r.state] ?? r.state)} (${L.channels[r.channel] ?? r.channel}${r.messageId ? `, ${L.messageId} ${r.messageId}` : ''})`}</Text>
              <Text>{r.posted ? L.posted(r.posted.at.slice(0, 10), r.posted.trackingNumber) : L.notPosted}</Text>
            </View>
          ))}
        </View>

        <View style={styles.section}>
          <Text style={styles.heading}>{L.events}</Text>
          {data.events.length === 0 && <Text>{L.noEvent}</Text>}
          {data.events.map((e, i) => (
            // A plan event and its schedule stay on one page.
            <View key={i} wrap={false}>
              <Text>{eventLine(e, language)}</Text>
              {eventInstalmentLines(e, language).map((line, j) => (
                <Text key={j} style={{ paddingLeft: 12 }}>
                  {line}
                </Text>
              ))}
            </View>
          ))}
        </View>

        {/* The computation has a row per change of the unpaid amount (each payment, each semester): kept whole while it fits
            a page, else over the next pages, its totals together (an invoice paid in 80 instalments made it one unbreakable
            block taller than a page: react-pdf squeezed the page, payments and rows printed over each other). */}
        <View style={styles.section} wrap={penalties.breakdown.length > PENALTY_ROWS_KEPT_WHOLE}>
          <Text style={styles.heading} minPresenceAhead={48}>{L.penalties}</Text>
          {client.kind === 'consumer' ? (
            <Text>{L.penaltiesConsumer}</Text>
          ) : penalties.breakdown.length === 0 ? (
            <Text>{L.noPenalty}</Text>
          ) : (
            <View>
              <Text>{L.penaltyFormula(L.rateSource[penalties.rateSource])}</Text>
              {rowsAddingUp(penalties).map((row) => (
                <AmountRow key={row.from} kit={kit} label={L.penaltyRow(money(row.unpaidCents), row.from, row.to, row.days, percent(row.ratePercent, language))} amount={money(row.cents)} />
              ))}
              <View wrap={false}>
                <AmountRow kit={kit} label={L.penaltyTotal(penalties.days)} amount={money(penalties.cents)} />
                <AmountRow kit={kit} label={L.indemnity} amount={money(penalties.indemnityCents)} />
                {(data.penaltiesWaived || data.penaltiesCancelled) && (
                  <AmountRow kit={kit} label={data.penaltiesCancelled ? L.cancelledNotClaimed : L.waived} amount={money(-(penalties.cents + penalties.indemnityCents))} />
                )}
                <AmountRow kit={kit} label={L.balance} amount={money(data.balanceCents + (data.penaltiesWaived || data.penaltiesCancelled ? 0 : penalties.cents + penalties.indemnityCents))} grand />
              </View>
            </View>
          )}
        </View>
        <Footer kit={kit} seller={seller} labels={L} numbering={numbering} />
      </Page>
    </Document>
  );
};
