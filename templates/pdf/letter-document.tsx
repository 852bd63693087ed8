import { addressLines, countryCode, euros, postalCountryName, shortDate } from './format.js';
import { typesetKit } from './typography.js';
import { clientLines, footerIdentity, sellerLines } from './identity.js';
import { invoiceLabels } from './invoice-labels.js';
import type { PageNumbering, PdfDocument, PdfKit } from './kit.js';
import { EpcQrCode, PageNumber } from './blocks.js';
import { PlanTable } from './plan-table.js';
import { letterLabels } from './letter-labels.js';
import { SMALL_CLAIM_LIMIT_CENTS, type LetterPdfData } from './letter-types.js';
import { muted, styles } from './styles.js';

/**
 * Where the recipient's address sits for a DL window envelope (110 × 220 mm, window 45 × 100 mm
 * at 20 mm from the right edge) with the A4 sheet folded in three: 105 mm from the left and
 * 50 mm from the top keeps the block inside the window however the sheet slides.
 */
const windowBlock = { position: 'absolute', left: '105mm', top: '50mm', width: '85mm', height: '35mm' } as const;
const foldMark = (top: string) => ({ position: 'absolute', left: '5mm', top, width: '5mm', borderTopWidth: 0.5, borderTopColor: muted }) as const;
const widths = ['18%', '14%', '14%', '18%', '18%', '18%'] as const;
const detailWidths = ['22%', '16%', '12%', '18%', '16%', '16%'] as const;

/**
 * Mise en demeure de payer (DOMAIN.md §1). Business clients: accrued penalties, €40 per
 * invoice and the court next step. Consumers: no fees or penalties whatever the data says
 * (CPCE L111-8), legal-rate interest from receipt (C. civ. 1344-1), a contact and the offer
 * of a payment plan, in the same sober style (C. conso L121-6).
 */
/** Invoices a letter's per-invoice detail keeps on one page (one line each: it fits a page). */
const DETAIL_KEPT_WHOLE = 25;

export const letterDocument = (rawKit: PdfKit, data: LetterPdfData, numbering: PageNumbering = 'dynamic', qr?: readonly (readonly boolean[])[]): PdfDocument => {
  // French typography's no-break spaces in every text of a French document (./typography.ts).
  const kit = typesetKit(rawKit, data.language === 'fr' && (data.layout ?? 1) >= 5);
  const { Document, Page, View, Text } = kit;
  const { seller, client, invoices, language: lang } = data;
  const t = letterLabels(lang);
  const identity = invoiceLabels(lang);
  const kind = client.kind;
  const business = kind === 'business';
  const unpaid = invoices.reduce((sum, invoice) => sum + invoice.balanceCents, 0);
  // Penalties and the €40 waived on a running payment plan are neither claimed nor said to run.
  const waived = data.paymentPlan?.waivePenalties === true;
  const penalties = business && !waived ? (data.penaltiesCents ?? 0) : 0;
  const indemnity = business && !waived ? (data.indemnityCents ?? 0) : 0;
  const total = unpaid + penalties + indemnity;
  // Letters produced since `layout: 2` (shared/domain/letter.ts); older ones render as they were, to the same bytes.
  // Layout 2 also names a foreign country in capitals under the address (La Poste), not its ISO code.
  const fitted = data.layout === 2 || data.layout === 3 || data.layout === 4 || data.layout === 5;
  // Since `layout: 3` a detail longer than a page holds breaks across pages (whole, it was squeezed onto one).
  const detailBreaks = (data.layout === 3 || data.layout === 4 || data.layout === 5) && invoices.length > DETAIL_KEPT_WHOLE;
  // Since `layout: 4` the seller's country abroad is named as the client's is (`BELGIQUE`), no longer its ISO code.
  const sellerCountry = data.layout === 4 || data.layout === 5 ? postalCountryName(lang) : countryCode;
  // A consumer must always have a way to reach the business (DOMAIN.md, B2C tone).
  const contact = [seller.phone, seller.email].filter(Boolean).join(' · ') || addressLines(seller.address, sellerCountry).join(', ') || seller.name;
  const money = (cents: number) => euros(cents, lang);
  const totalLine = (label: string, cents: number, strong = false) => (
    <View style={strong ? styles.grandTotal : styles.totalRow} wrap={false}>
      <Text style={{ width: '75%' }}>{label}</Text>
      <Text style={{ width: '25%', textAlign: 'right' }}>{money(cents)}</Text>
    </View>
  );

  return (
    // Dated by the letter, not the clock: the file (and its id, a hash of these fields) is the same each time it is rendered.
    <Document title={t.subject(invoices.map((i) => i.number))} author={seller.name} creator="Relances" producer="Relances" language={lang} creationDate={new Date(`${data.date}T12:00:00Z`)}>
      <Page size="A4" style={[styles.page, { fontSize: 9.5 }]}>
        <View style={foldMark('99mm')} fixed />
        <View style={foldMark('198mm')} fixed />
        <View style={{ position: 'absolute', left: '20mm', top: '15mm', width: '80mm' }}>
          <Text style={styles.bold}>{seller.name}</Text>
          {sellerLines(seller, identity, sellerCountry).map((line) => (
            <Text key={line}>{line}</Text>
          ))}
        </View>
        <View style={windowBlock}>
          <Text style={styles.bold}>{client.name}</Text>
          {clientLines({ ...client, siren: undefined, vatNumber: undefined }, identity, fitted ? postalCountryName(lang) : countryCode).map((line) => (
            <Text key={line}>{line}</Text>
          ))}
        </View>

        {/* The body starts below the window so that nothing but the address shows through it. */}
        <View style={{ marginTop: '74mm', marginHorizontal: '6mm' }}>
          <Text style={{ textAlign: 'right' }}>{t.placeDate(seller.address?.city, data.date)}</Text>
          <Text style={[styles.small, { marginTop: 8 }]}>{t.registered}</Text>
          <Text style={[business ? styles.bold : {}, { marginTop: 4 }]}>{t.subject(invoices.map((i) => i.number))}</Text>
          <Text style={{ marginTop: 14 }}>{t.salutation}</Text>
          {/* A first notice (no reminder before) takes the plain "sauf erreur" wording, never "malgré nos précédentes relances". */}
          <Text style={{ marginTop: 8 }}>{t.intro[data.firstNotice ? 'consumer' : kind](client.name, seller.name)}</Text>

          <View style={[styles.section, styles.table, { fontSize: 9 }]}>
            <View style={styles.headerRow}>
              {t.columns.map((column, i) => (
                <Text key={column} style={[i < 3 ? styles.cell : styles.num, { width: widths[i] }]}>
                  {column}
                </Text>
              ))}
            </View>
            {invoices.map((invoice) => (
              <View key={invoice.number} style={styles.bodyRow} wrap={false}>
                {[invoice.number, shortDate(invoice.issueDate), shortDate(invoice.dueDate), money(invoice.grossCents), money(invoice.paidCents), money(invoice.balanceCents)].map((cell, i) => (
                  <Text key={i} style={[i < 3 ? styles.cell : styles.num, { width: widths[i] }]}>
                    {cell}
                  </Text>
                ))}
              </View>
            ))}
          </View>

          {/* A letter listing several invoices (produced since per-invoice details exist): days late, and each invoice's penalties and €40 (business). */}
          {invoices.length > 1 && invoices.some((i) => i.daysLate !== undefined) && (
            <View style={[styles.section, styles.table, { fontSize: 9 }]} wrap={detailBreaks}>
              <Text style={[styles.bold, { marginBottom: 2 }]} minPresenceAhead={detailBreaks ? 40 : undefined}>{t.detail.title}</Text>
              <View style={styles.headerRow} fixed={detailBreaks}>
                {t.detail.columns.slice(0, business && !waived ? 6 : 4).map((column, i) => (
                  <Text key={column} style={[i < 2 ? styles.cell : styles.num, { width: detailWidths[i] }]}>
                    {column}
                  </Text>
                ))}
              </View>
              {invoices.map((invoice) => (
                <View key={invoice.number} style={styles.bodyRow} wrap={false}>
                  {[
                    invoice.number,
                    shortDate(invoice.dueDate),
                    t.detail.late(invoice.daysLate ?? 0),
                    money(invoice.balanceCents),
                    ...(business && !waived ? [money(invoice.penaltiesCents ?? 0), money(invoice.indemnityCents ?? 0)] : []),
                  ].map((cell, i) => (
                    <Text key={i} style={[i < 2 ? styles.cell : styles.num, { width: detailWidths[i] }]}>
                      {cell}
                    </Text>
                  ))}
                </View>
              ))}
            </View>
          )}

          {(() => {
            const totals = (
              <View style={qr ? (fitted ? { width: '65%', flexShrink: 0 } : { flexGrow: 1, flexShrink: 1 }) : { marginTop: 8, marginLeft: '35%' }}>
                {business && totalLine(t.unpaidTotal, unpaid)}
                {business && penalties > 0 && totalLine(t.penalties(data.date), penalties)}
                {business && penalties > 0 && (data.penaltyRateSource === 'estimated' || data.penaltyRateSource === 'contract') && (
                  <Text style={[styles.small, { marginBottom: 2 }]}>{t.rateSource[data.penaltyRateSource]}</Text>
                )}
                {business && indemnity > 0 && totalLine(t.indemnity(indemnity % 4000 === 0 ? indemnity / 4000 : undefined), indemnity)}
                {totalLine(t.total, total, true)}
              </View>
            );
            // The EPC QR code of the unpaid balance (issue 10 §3) in the space left of the totals: the client scans
            // the letter to pay by transfer. A letter recorded without one keeps its layout, hence its bytes.
            // Since `layout: 2` the two columns have fixed widths (35 % / 65 %, the totals where a letter without
            // a QR code has them) and the QR code says what it is for under it: before, the totals took the width
            // their longest line wanted, past the right margin (the estimated-rate note off the page).
            return qr ? (
              <View style={{ marginTop: 8, flexDirection: 'row' }} wrap={false}>
                <View style={fitted ? { width: '35%', flexShrink: 0, paddingRight: 12 } : { width: '35%' }}>
                  <EpcQrCode kit={kit} modules={qr} size={62} />
                  {fitted && <Text style={[styles.small, { marginTop: 4 }]}>{identity.scanToPay}</Text>}
                </View>
                {totals}
              </View>
            ) : (
              totals
            );
          })()}

          <Text style={styles.section}>{t.demand[kind](total, data.deadlineDays)}</Text>
          {data.paymentPlan && <PlanTable kit={kit} plan={data.paymentPlan} language={lang} business={business} />}
          {!(business && waived) && <Text style={{ marginTop: 6 }}>{business ? t.penaltiesRun : t.legalInterest}</Text>}
          <Text style={{ marginTop: 6 }}>{t.payment(data.paymentInstructions)}</Text>
          {qr && !fitted && <Text style={{ marginTop: 2 }}>{identity.scanToPay}</Text>}
          {!business && <Text style={{ marginTop: 6 }}>{t.paymentPlan(contact)}</Text>}
          <Text style={{ marginTop: 6 }}>{t.nextStep[kind]}</Text>
          {total <= SMALL_CLAIM_LIMIT_CENTS && business && <Text style={{ marginTop: 6 }}>{t.smallClaim}</Text>}
          {fitted ? (
            // The closing and the signature go together: never the signature alone on a last page.
            <View wrap={false}>
              <Text style={{ marginTop: 10 }}>{t.closing}</Text>
              <Text style={[styles.bold, { marginTop: 16, textAlign: 'right' }]}>{seller.name}</Text>
            </View>
          ) : (
            <>
              <Text style={{ marginTop: 10 }}>{t.closing}</Text>
              <Text style={[styles.bold, { marginTop: 16, textAlign: 'right' }]}>{seller.name}</Text>
            </>
          )}
        </View>

        <View style={styles.footer} fixed>
          <Text>{footerIdentity(seller, identity)}</Text>
          <PageNumber kit={kit} labels={identity} numbering={numbering} />
        </View>
      </Page>
    </Document>
  );
};
