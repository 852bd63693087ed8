import { localDate } from '../../domain/dates.js';
import { transferReference } from '../../domain/epc-qr.js';
import type { ReminderTemplate } from '../../domain/default-templates.js';
import type { Client } from '../../domain/client.js';
import { invoiceBalanceCents } from '../../domain/invoice.js';
import { fitAttachments, groupRows, MAX_ATTACHMENT_BYTES } from '../../domain/grouped-reminder.js';
import { clientLetterData, letterRow } from './letter-data.js';
import { formatDate, renderTemplate, textToHtml } from '../../domain/template-render.js';
import { typeset } from '../../domain/french-spacing.js';
import type { Settings } from '../../domain/settings.js';
import { replyToOf } from '../../domain/settings.js';
import { groupedReminderText } from '../../../templates/email/grouped-reminder.js';
import { money } from '../../../templates/email/format.js';
import type { CreditNoteRecord, EmailAttachment, InvoiceRecord, OutgoingEmail, PaymentRecord, PdfRenderer } from '../ports.js';
import { penaltyReductions, RECOVERY_INDEMNITY_CENTS } from '../../domain/penalties.js';
import { penaltiesWaived, type PaymentPlan } from '../../domain/payment-plan.js';
import { invoicePdfData } from '../send-invoice.js';
import { bccFor, composeReminder, reminderVariables, withDepositsSettled } from './compose-reminder.js';

export interface GroupMember {
  readonly invoice: InvoiceRecord;
  readonly payments: readonly PaymentRecord[];
  /** Its credit notes: with the payments, penalties are counted on what was unpaid each day. */
  readonly creditNotes?: readonly CreditNoteRecord[];
  /** This invoice's client-portal link for this message (a fresh token, or a preview's placeholder). */
  readonly portalUrl?: string;
  /** Its running payment plan and the instalment reminded: a single invoice under a plan gets its plan's reminder, filled in. */
  readonly plan?: { readonly plan: PaymentPlan; readonly instalment?: number };
  /** A final invoice's: what was settled on the deposits it deducts (`depositsSettledOf`); absent, they count whole. */
  readonly depositsSettledCents?: number;
}

export interface GroupedEmail {
  readonly email: OutgoingEmail;
  /** Invoice numbers whose PDF is attached, and those left out by the size cap. */
  readonly attached: readonly string[];
  readonly notAttached: readonly string[];
}

export interface GroupedMaterial {
  readonly members: readonly GroupMember[];
  readonly client: Client;
  readonly settings: Settings;
  /** The most advanced step's template: its tone, its PDF options. */
  readonly template: ReminderTemplate;
  readonly asOf: Date;
  /** An owner's own subject and body (manual reminders), rendered with the group's variables. */
  readonly subject?: string;
  readonly body?: string;
}

const numberOf = (invoice: InvoiceRecord) => invoice.number ?? invoice.id;

/**
 * One reminder for several invoices of one client: the table of invoices, every invoice PDF that
 * fits under the size cap (the others are named in the text), and for a formal notice one letter
 * listing them all. A single invoice gets the ordinary reminder (the template's own text).
 */
export const composeGroupedReminder = async (m: GroupedMaterial, pdf: PdfRenderer, to: readonly string[], cc: readonly string[] = []): Promise<GroupedEmail> => {
  const language = m.client.language;
  const today = localDate(m.asOf, m.settings.timezone);
  if (m.members.length === 1) {
    const [only] = m.members;
    const template = { ...m.template, ...(m.subject ? { subject: m.subject } : {}), ...(m.body ? { body: m.body } : {}) };
    const email = await composeReminder(
      { invoice: only!.invoice, client: m.client, settings: m.settings, payments: only!.payments, ...(only!.creditNotes ? { creditNotes: only!.creditNotes } : {}), ...withDepositsSettled(only!.depositsSettledCents), template, asOf: m.asOf, ...(only!.portalUrl ? { portalUrl: only!.portalUrl } : {}), ...(only!.plan ? { plan: only!.plan } : {}) },
      pdf,
      to,
      cc,
    );
    const attached = m.template.attachInvoicePdf ? [numberOf(only!.invoice)] : [];
    return { email, attached, notAttached: [] };
  }
  const ordered = [...m.members].sort((a, b) => a.invoice.dueDate.localeCompare(b.invoice.dueDate) || numberOf(a.invoice).localeCompare(numberOf(b.invoice)));
  const rows = groupRows(ordered.map(({ invoice }) => ({ number: numberOf(invoice), dueDate: invoice.dueDate, balanceCents: invoiceBalanceCents(invoice) })), today);
  const totalCents = rows.reduce((sum, r) => sum + r.balanceCents, 0);
  // Invoices not due yet on the send day (a manual or batch reminder may list them) are neither called unpaid nor put on notice.
  const overdue = ordered.filter((_, i) => rows[i]!.daysLate > 0);
  const overdueCents = rows.reduce((sum, r) => sum + (r.daysLate > 0 ? r.balanceCents : 0), 0);
  const first = ordered[0]!.invoice;
  const deducted = ordered.reduce((s, x) => s + (x.invoice.deductedCents ?? 0), 0);
  // The group's variables: all numbers, the earliest due date, the amounts summed. `{{portalUrl}}`
  // (an owner's own body) is the link of the first invoice listed, the most overdue one (earliest
  // due date); every invoice's own link is in the table. `{{paymentLink}}` stays the group's, like
  // the other variables: settings.paymentUrl with all the numbers and the total balance.
  const vars = reminderVariables({
    invoice: {
      ...first,
      number: rows.map((r) => r.number).join(', '),
      totals: { ...first.totals, grossCents: ordered.reduce((s, x) => s + x.invoice.totals.grossCents, 0) },
      paidCents: ordered.reduce((s, x) => s + x.invoice.paidCents, 0),
      creditedCents: totalCents === 0 ? 0 : ordered.reduce((s, x) => s + x.invoice.totals.grossCents, 0) - ordered.reduce((s, x) => s + x.invoice.paidCents, 0) - deducted - totalCents,
      deductedCents: totalCents === 0 ? 0 : deducted,
    },
    // A final invoice's deposits for what was paid on them (its « déjà réglé »), the others' deductions whole.
    ...(totalCents === 0 || deducted === 0 ? {} : { depositsSettledCents: ordered.reduce((s, x) => s + (x.depositsSettledCents ?? x.invoice.deductedCents ?? 0), 0) }),
    client: m.client,
    settings: m.settings,
    asOf: m.asOf,
    ...(ordered[0]!.portalUrl ? { portalUrl: ordered[0]!.portalUrl } : {}),
    // What the client types on the transfer: ≤ 140 characters, as the EPC QR shortens it (`F-1, F-2 +10`).
    reference: transferReference(rows.map((r) => r.number)),
  });

  const attachments: EmailAttachment[] = [];
  // The mise en demeure lists the overdue invoices only: nothing can be demanded before its due date.
  if (m.template.letter && overdue.length > 0) {
    // Its transfer reference names the invoices it claims, not those it leaves out.
    const claimed = overdue.length === ordered.length ? vars.paymentInstructions : reminderVariables({ invoice: { ...overdue[0]!.invoice, number: overdue.map((x) => numberOf(x.invoice)).join(', ') }, client: m.client, settings: m.settings, asOf: m.asOf, reference: transferReference(overdue.map((x) => numberOf(x.invoice))) }).paymentInstructions;
    attachments.push(await letterFor(m, pdf, overdue, today, claimed));
  }
  let attached: string[] = [];
  let notAttached: string[] = [];
  if (m.template.attachInvoicePdf) {
    const pdfs: EmailAttachment[] = await Promise.all(
      ordered.map(async ({ invoice, payments }) => ({ fileName: `${numberOf(invoice)}.pdf`, contentType: 'application/pdf', content: await pdf.invoice(invoicePdfData(m.settings, m.client, invoice, payments, true)) })),
    );
    const used = attachments.reduce((s, a) => s + a.content.byteLength, 0);
    const fit = fitAttachments(pdfs.map((p) => p.content.byteLength), MAX_ATTACHMENT_BYTES - used);
    pdfs.forEach((p, i) => (fit[i] ? attachments.push(p) : undefined));
    attached = ordered.filter((_, i) => fit[i]).map((x) => numberOf(x.invoice));
    notAttached = ordered.filter((_, i) => !fit[i]).map((x) => numberOf(x.invoice));
  }

  const fees = m.client.kind === 'business' && vars.penaltyRate && !waived(ordered) ? feesOf(m, overdue, today) : undefined;
  // An owner's own words: `{{penaltiesAmount}}` is each overdue invoice's penalties summed (on what was unpaid
  // each day), as the letter and the proof file count them, not the group's total balance since its earliest due date.
  const own = m.client.kind === 'business' ? { ...vars, penaltiesAmount: feesOf(m, overdue, today).penalties } : vars;
  const texts = groupedReminderText(language, {
    tone: m.template.tone,
    clientName: m.client.name,
    company: m.settings.company.name,
    ...(m.settings.company.email ? { companyEmail: m.settings.company.email } : {}),
    rows: rows.map((r, i) => ({
      number: r.number,
      dueDate: formatDate(r.dueDate, language),
      balance: money(r.balanceCents, language),
      daysLate: r.daysLate,
      // Its portal page shows how to pay (settings.paymentUrl for this invoice, IBAN, QR), as for a single reminder.
      ...(ordered[i]!.portalUrl ? { portalUrl: ordered[i]!.portalUrl } : {}),
    })),
    total: money(totalCents, language),
    ...(overdue.length < ordered.length ? { overdueTotal: money(overdueCents, language) } : {}),
    notAttached,
    paymentInstructions: vars.paymentInstructions,
    deadlineDate: vars.deadlineDate,
    ...(m.client.kind === 'consumer' ? { consumer: true } : {}),
    // Read before the send's claim counts this one (the preview reads the same): no "précédente relance" when there was none.
    ...(ordered.every((x) => (x.invoice.reminderCount ?? 0) === 0) ? { firstNotice: true } : {}),
    ...(fees && overdue.length > 0 ? { fees: { rate: vars.penaltyRate, ...fees } } : {}),
  });
  // The owner's own words in French typography too (`texts` already is), as a template's.
  const ownBody = m.body ? typeset(renderTemplate(m.body, own), language) : undefined;
  const ownText = ownBody !== undefined ? `${ownBody}\n\n${texts.table}` : undefined;
  const replyTo = replyToOf(m.settings);
  const bcc = bccFor(m.settings);
  const email: OutgoingEmail = {
    to,
    cc,
    ...(bcc.length > 0 ? { bcc } : {}),
    ...(replyTo ? { replyTo } : {}),
    fromName: m.settings.company.name,
    subject: m.subject ? typeset(renderTemplate(m.subject, own), language) : texts.subject,
    text: ownText ?? texts.text,
    html: ownBody !== undefined ? `${textToHtml(ownBody)}\n${texts.htmlTable}` : texts.html,
    attachments,
    invoiceIds: ordered.map((x) => x.invoice.id),
  };
  return { email, attached, notAttached };
};

/** Penalties waived on a running payment plan (recorded) are not claimed, nor announced. */
const waived = (members: readonly GroupMember[]): boolean => members.some((x) => penaltiesWaived(x.invoice.paymentPlan, { status: x.invoice.status, balanceCents: invoiceBalanceCents(x.invoice) }));

/** The overdue invoices' penalties to date, each on what was unpaid each day, and their €40 each (D441-5), as the letter counts them. */
const feesOf = (m: GroupedMaterial, overdue: readonly GroupMember[], today: string) => {
  const rows = overdue.map((x) => letterRow(x.invoice, m.client, m.settings, today, true, penaltyReductions(x.payments, x.creditNotes, x.invoice)));
  const language = m.client.language;
  return {
    penalties: money(rows.reduce((s, r) => s + (r.penaltiesCents ?? 0), 0), language),
    indemnity: money(RECOVERY_INDEMNITY_CENTS, language),
    indemnities: money(rows.reduce((s, r) => s + (r.indemnityCents ?? 0), 0), language),
    claimed: money(rows.reduce((s, r) => s + r.balanceCents + (r.penaltiesCents ?? 0) + (r.indemnityCents ?? 0), 0), language),
  };
};

/** One mise en demeure listing every invoice; penalties and the €40 per late invoice for business clients only. */
const letterFor = async (m: GroupedMaterial, pdf: PdfRenderer, ordered: readonly GroupMember[], date: string, paymentInstructions: string): Promise<EmailAttachment> => {
  // Each invoice's penalties on what was unpaid each day (its payments and credit notes), as its proof file counts them.
  const reductions = Object.fromEntries(ordered.map((x) => [x.invoice.id, penaltyReductions(x.payments, x.creditNotes, x.invoice)]));
  const depositsSettled = Object.fromEntries(ordered.flatMap((x) => (x.depositsSettledCents === undefined ? [] : [[x.invoice.id, x.depositsSettledCents]])));
  const content = await pdf.letter(clientLetterData({ invoices: ordered.map((x) => x.invoice), client: m.client, settings: m.settings, date, paymentInstructions, reductions, depositsSettled }));
  return { fileName: `${m.client.language === 'en' ? 'formal-notice' : 'mise-en-demeure'}-${date}.pdf`, contentType: 'application/pdf', content };
};
