import { localDate } from '../../domain/dates.js';
import { defaultTemplate, firstNoticeWording, type ReminderTemplate } from '../../domain/default-templates.js';
import { templateIdForLanguage } from '../../domain/default-scenarios.js';
import { depositSettledCents, invoiceBalanceCents, settledCents } from '../../domain/invoice.js';
import { buildTemplateVariables, renderTemplate, textToHtml } from '../../domain/template-render.js';
import { typesetMessage } from '../../domain/french-spacing.js';
import type { Client } from '../../domain/client.js';
import type { Settings } from '../../domain/settings.js';
import { replyToOf } from '../../domain/settings.js';
import type { LetterData } from '../../domain/letter.js';
import { NotFoundError } from '../errors.js';
import type { CreditNoteRecord, EmailAttachment, InvoiceRecord, OutgoingEmail, PaymentRecord, PdfRenderer, TenantDocuments } from '../ports.js';
import { contractRateOf, penaltyReductions } from '../../domain/penalties.js';
import { invoicePdfData } from '../send-invoice.js';
import { clientLetterData } from './letter-data.js';
import { instalmentViews, penaltiesWaived, type PaymentPlan } from '../../domain/payment-plan.js';

/** Tenant copy first, then the built-in; the client's language variant first, then the French base. */
export const resolveTemplate = async (
  templates: TenantDocuments<ReminderTemplate>,
  tenantId: string,
  templateId: string,
  language: 'fr' | 'en',
): Promise<ReminderTemplate> => {
  for (const id of [templateIdForLanguage(templateId, language), templateId]) {
    const found = (await templates.get(tenantId, id)) ?? defaultTemplate(id);
    if (found) return found;
  }
  throw new NotFoundError(`Template ${templateId}`);
};

export interface ReminderMaterial {
  readonly invoice: InvoiceRecord;
  readonly client: Client;
  readonly settings: Settings;
  readonly payments: readonly PaymentRecord[];
  /** The invoice's credit notes: with the payments, penalties are counted on what was unpaid each day (`creditNotesOf`). */
  readonly creditNotes?: readonly CreditNoteRecord[];
  readonly template: ReminderTemplate;
  /** The instant the reminder goes out; days late and penalties are counted to its local date. */
  readonly asOf: Date;
  /** This email's client-portal link. */
  readonly portalUrl?: string;
  /** The invoice's payment plan, and the instalment a plan reminder is about. */
  readonly plan?: { readonly plan: PaymentPlan; readonly instalment?: number };
  /** A final invoice's: what was settled on the deposits it deducts (`depositsSettledOf`); absent, they count whole. */
  readonly depositsSettledCents?: number;
}

/** The plan as reminders show it: each instalment's status at `asOf`, and whether penalties are waived. */
export const planOnReminder = (m: Pick<ReminderMaterial, 'invoice' | 'settings' | 'asOf' | 'plan'>) => {
  if (!m.plan) return undefined;
  const rows = instalmentViews(m.plan.plan, invoiceBalanceCents(m.invoice), localDate(m.asOf, m.settings.timezone));
  return { rows, waivePenalties: penaltiesWaived(m.plan.plan, { status: m.invoice.status, balanceCents: invoiceBalanceCents(m.invoice) }), ...(m.plan.instalment !== undefined ? { instalment: m.plan.instalment } : {}) };
};

/**
 * What the variables and the letter are computed from; `payments` (and `creditNotes`) optional: with
 * them penalties are counted on what was unpaid each day, as the proof file does, else on the balance.
 */
export type VariablesMaterial = Omit<ReminderMaterial, 'payments' | 'template'> & {
  readonly payments?: readonly PaymentRecord[];
  /** A group's transfer reference (transferReference of its numbers); default the invoice number. */
  readonly reference?: string;
};

/** The reductions penalties are counted with, when the material carries payments or credit notes. */
const reductionsOf = (m: VariablesMaterial) => (m.payments || m.creditNotes ? penaltyReductions(m.payments, m.creditNotes, m.invoice) : undefined);

/**
 * The material as a template fills it: in the template's language (its dates, amounts and payment sentence), as its
 * preview shows it. The engine picks the client's language variant of a template; one of the other language (the owner's
 * choice, or a template with no variant) read French figures and « Règlement par virement » inside English words.
 */
export const inTemplateLanguage = <M extends { readonly client: Client }>(m: M, template: Pick<ReminderTemplate, 'language'>): M => ({ ...m, client: { ...m.client, language: template.language } });

export const reminderVariables = (m: VariablesMaterial) => {
  const plan = planOnReminder(m);
  const reductions = reductionsOf(m);
  return buildTemplateVariables({
    invoice: {
      number: m.invoice.number ?? '',
      issueDate: m.invoice.issueDate,
      dueDate: m.invoice.dueDate,
      grossCents: m.invoice.totals.grossCents,
      // Already settled, as the letter attached says it: payments, credit notes and what was paid on a final invoice's
      // deposits (it said "déjà réglé" of the payments alone; then it counted the deposits invoiced, paid or not).
      paidCents: settledCents(m.invoice, m.depositsSettledCents),
      balanceCents: invoiceBalanceCents(m.invoice),
    },
    client: { name: m.client.name, kind: m.client.kind },
    company: m.settings.company,
    asOf: localDate(m.asOf, m.settings.timezone),
    ...(contractRateOf(m.settings, m.invoice) !== undefined ? { penaltyRatePercent: contractRateOf(m.settings, m.invoice)! } : {}),
    ...(reductions ? { reductions } : {}),
    ...(m.settings.paymentUrl ? { paymentUrl: m.settings.paymentUrl } : {}),
    language: m.client.language,
    ...(m.portalUrl ? { portalUrl: m.portalUrl } : {}),
    ...(plan ? { plan: { rows: plan.rows, ...(plan.instalment !== undefined ? { instalment: plan.instalment } : {}) } } : {}),
    ...(m.reference !== undefined ? { reference: m.reference } : {}),
  });
};

/**
 * What the mise en demeure letter says at `asOf` (DOMAIN.md §1): both parties, the invoice with
 * its payments and balance, for a business the penalties to date and the €40, an 8-day deadline
 * and how to pay. A letter step records it, so the PDF renders the same whenever it is asked for.
 */
export const letterDataFor = (m: VariablesMaterial): LetterData => {
  const date = localDate(m.asOf, m.settings.timezone);
  const plan = planOnReminder(m);
  const reductions = reductionsOf(m);
  // Penalties and the €40 waived on the payment plan (recorded) are not claimed.
  const letter = clientLetterData({
    invoices: [m.invoice],
    client: m.client,
    settings: m.settings,
    date,
    paymentInstructions: reminderVariables(m).paymentInstructions,
    claimFees: !plan?.waivePenalties,
    ...(reductions ? { reductions: { [m.invoice.id]: reductions } } : {}),
    ...(m.depositsSettledCents !== undefined ? { depositsSettled: { [m.invoice.id]: m.depositsSettledCents } } : {}),
  });
  return {
    ...letter,
    // The plan shows while it runs ("rappel de l'échéancier"); an ended one no longer binds anyone.
    ...(plan && m.plan?.plan.status === 'active' ? { paymentPlan: { rows: plan.rows, waivePenalties: plan.waivePenalties } } : {}),
  };
};

/** The invoice's credit notes, read only when it has any (most have none: no extra read then). */
/**
 * The invoice's payments, read only when it has some: payments are positive, so `paidCents` 0 means
 * none counts (a removed one shows nowhere, neither on the PDF nor in the penalties). The send's claim
 * is conditional on the `paidCents` read with the invoice: a payment recorded meanwhile makes the
 * claim fail and the fire read again, so a reminder never goes out with a payment list it did not read.
 */
export const paymentsOf = async (invoices: { payments(tenantId: string, invoiceId: string): Promise<PaymentRecord[]> }, invoice: Pick<InvoiceRecord, 'tenantId' | 'id' | 'paidCents'>): Promise<PaymentRecord[]> =>
  invoice.paidCents > 0 ? invoices.payments(invoice.tenantId, invoice.id) : [];

/**
 * What was settled on the deposits a final invoice deducts (`depositSettledCents` summed), read only for such an invoice:
 * its deposit invoices' Gets, issued together, leave as one BatchGetItem (coalesce-gets.ts). Undefined for any other.
 */
export const depositsSettledOf = async (invoices: { get(tenantId: string, id: string): Promise<InvoiceRecord | undefined> }, invoice: Pick<InvoiceRecord, 'tenantId' | 'deductions'>): Promise<number | undefined> => {
  const deductions = invoice.deductions ?? [];
  if (deductions.length === 0) return undefined;
  const deposits = await Promise.all(deductions.map((d) => invoices.get(invoice.tenantId, d.invoiceId)));
  return deductions.reduce((sum, d, i) => sum + depositSettledCents(d, deposits[i]), 0);
};

/** Spread into a material: the deposits' settled amount when there is one. */
export const withDepositsSettled = (cents: number | undefined): { depositsSettledCents?: number } => (cents === undefined ? {} : { depositsSettledCents: cents });

export const creditNotesOf = async (invoices: { creditNotes(tenantId: string, invoiceId: string): Promise<CreditNoteRecord[]> }, invoice: Pick<InvoiceRecord, 'tenantId' | 'id' | 'creditedCents'>): Promise<CreditNoteRecord[]> =>
  invoice.creditedCents > 0 ? invoices.creditNotes(invoice.tenantId, invoice.id) : [];

export const letterFileName = (m: { client: Pick<Client, 'language'>; invoice: Pick<InvoiceRecord, 'number' | 'id'> }): string =>
  `${m.client.language === 'en' ? 'formal-notice' : 'mise-en-demeure'}-${m.invoice.number ?? m.invoice.id}.pdf`;

/**
 * The reminder email: rendered subject and body, a copy of the invoice showing payments and
 * the balance, and for a mise en demeure the letter PDF. Business-only amounts never reach a
 * consumer: the variables are empty for them and the letter omits penalties and the €40.
 */
export const composeReminder = async (m: ReminderMaterial, pdf: PdfRenderer, to: readonly string[], cc: readonly string[] = []): Promise<OutgoingEmail> => {
  const vars = reminderVariables(inTemplateLanguage(m, m.template));
  const rendered = { subject: renderTemplate(m.template.subject, vars), text: renderTemplate(m.template.body, vars) };
  // No "Malgré nos relances" in the first message about the invoice (read before the send's claim counts it, as the letter's firstNotice).
  const worded = (m.invoice.reminderCount ?? 0) === 0 && (m.template.tone === 'firm' || m.template.tone === 'formal-notice') ? firstNoticeWording(rendered) : rendered;
  // French typography's no-break spaces, the owner's own template included (its saved text keeps his plain spaces).
  const { subject, text } = typesetMessage(worded, m.template.language);
  const attachments: EmailAttachment[] = [];
  const balance = invoiceBalanceCents(m.invoice);
  const plan = planOnReminder(m);
  // The plan shows on reminders while it runs ("rappel de l'échéancier"); an ended one no longer binds anyone.
  const planTable = plan && m.plan?.plan.status === 'active' ? { paymentPlan: { rows: plan.rows, waivePenalties: plan.waivePenalties } } : {};
  if (m.template.attachInvoicePdf) {
    const bytes = await pdf.invoice({ ...invoicePdfData(m.settings, m.client, m.invoice, m.payments, true), ...planTable });
    attachments.push({ fileName: `${m.invoice.number ?? m.invoice.id}.pdf`, contentType: 'application/pdf', content: bytes });
  }
  if (m.template.letter) {
    const bytes = await pdf.letter(letterDataFor(m));
    attachments.push({
      fileName: letterFileName(m),
      contentType: 'application/pdf',
      content: bytes,
    });
  }
  const replyTo = replyToOf(m.settings);
  const bcc = bccFor(m.settings);
  return {
    to,
    cc,
    ...(bcc.length > 0 ? { bcc } : {}),
    ...(replyTo ? { replyTo } : {}),
    fromName: m.settings.company.name,
    subject,
    text,
    html: textToHtml(text),
    attachments,
  };
};

/**
 * The owner's blind copy of every reminder (settings `bccSelf`), to the company's own address, else the
 * address his notifications go to (a company without an email would otherwise get no copy, silently).
 */
export const bccFor = (settings: Pick<Settings, 'bccSelf' | 'company' | 'notifyEmail'>): string[] => {
  const self = settings.company.email ?? settings.notifyEmail;
  return settings.bccSelf && self ? [self] : [];
};
