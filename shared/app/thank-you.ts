/**
 * The thank-you (issue 13 §2): when an invoice becomes paid the client gets a short thank-you
 * (template `thank-you`, its language, no attachment), at most once per invoice; with `thankOnPartial`
 * also one for each partial payment (`thank-you-partial`: paid so far, left to pay), once per amount
 * paid so far — the partial thank-you no longer takes the invoice's one claim, which left the client
 * who then paid the rest unthanked. Never for an invoice that had no reminder when
 * `thankOnlyIfReminded` is set. A stream consumer calls it for each changed invoice; each claim is a
 * conditional write, so duplicated or retried stream records send one message.
 */
import { defaultTemplate, THANK_YOU_PARTIAL_TEMPLATE_ID, THANK_YOU_TEMPLATE_ID, type ReminderTemplate } from '../domain/default-templates.js';
import { templateRefusalFor } from '../domain/penalty-mentions.js';
import { renderTemplate, textToHtml } from '../domain/template-render.js';
import { typeset } from '../domain/french-spacing.js';
import type { InvoiceStatus } from '../domain/invoice.js';
import { isPaymentBeforeImport } from '../domain/import-payment.js';
import type { Settings } from '../domain/settings.js';
import { replyToOf } from '../domain/settings.js';
import type { ClientRepository, Clock, InvoiceRepository, Mailer, SettingsRepository, TenantDocuments } from './ports.js';
import { depositsSettledOf, inTemplateLanguage, reminderVariables, resolveTemplate, withDepositsSettled } from './reminders/compose-reminder.js';
import { reminderRecipients } from './reminders/reminder-context.js';

/**
 * The once-per-invoice claim of the thank-you for the payment in full (a marker item written only if absent),
 * and with `partialPaidCents` the claim of the partial thank-you for that amount paid so far (a payment
 * removed and recorded again, or a record delivered twice, finds it taken).
 */
export interface ThankYouClaims {
  /** True when this caller took the claim; false when that thank-you was already claimed for the invoice. */
  claim(tenantId: string, invoiceId: string, at: string, partialPaidCents?: number): Promise<boolean>;
  /** The message went out: keep its id on the claim. */
  complete(tenantId: string, invoiceId: string, messageId: string, at: string, partialPaidCents?: number): Promise<void>;
  /** The send failed: give the claim back so a retry can send. */
  release(tenantId: string, invoiceId: string, partialPaidCents?: number): Promise<void>;
}

/** What the stream says of an invoice before and after a change. */
export interface InvoiceChange {
  readonly status: InvoiceStatus;
  readonly paidCents: number;
  readonly reminderCount?: number;
}

/** Whether this change earns the client a thank-you (the once-per-invoice claim is checked after). */
export const deservesThanks = (before: InvoiceChange | undefined, after: InvoiceChange, settings: Pick<Settings, 'thankOnPayment' | 'thankOnPartial' | 'thankOnlyIfReminded'>): boolean => {
  if (!settings.thankOnPayment) return false;
  if (settings.thankOnlyIfReminded && (after.reminderCount ?? 0) === 0) return false;
  // Issued with nothing to pay (draft → paid): no payment to thank for.
  if (before?.status === 'draft') return false;
  const becamePaid = after.status === 'paid' && before?.status !== 'paid';
  const paidMore = after.paidCents > (before?.paidCents ?? 0);
  return becamePaid || (settings.thankOnPartial && paidMore && after.status === 'partially_paid');
};

export interface ThankYouDeps {
  readonly invoices: InvoiceRepository;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly templates: TenantDocuments<ReminderTemplate>;
  readonly mailer: Mailer;
  readonly claims: ThankYouClaims;
  readonly clock: Clock;
}

export type ThankYouOutcome = 'sent' | 'not_deserved' | 'already_thanked' | 'no_address' | 'complained' | 'gone';

export const makeThankOnPayment = (deps: ThankYouDeps) =>
  async (tenantId: string, invoiceId: string, before: InvoiceChange | undefined, after: InvoiceChange): Promise<ThankYouOutcome> => {
    const settings = await deps.settings.get(tenantId);
    if (!deservesThanks(before, after, settings)) return 'not_deserved';
    const invoice = await deps.invoices.get(tenantId, invoiceId);
    const client = invoice && (await deps.clients.get(tenantId, invoice.clientId));
    if (!invoice || !client) return 'gone';
    // A partial payment's record read once the invoice is paid: the payment in full is the one thanked.
    const partial = after.status === 'partially_paid';
    if (partial && invoice.status !== 'partially_paid') return 'not_deserved';
    const claimOf = partial ? after.paidCents : undefined;
    // An imported invoice arrives with what it had been paid elsewhere, before the import: no
    // payment the client just made. Only a payment recorded here earns a thank-you.
    if (invoice.imported) {
      const settledBefore = (await deps.invoices.payments(tenantId, invoiceId))
        .filter((p) => isPaymentBeforeImport(p.id) && !p.removedAt)
        .reduce((sum, p) => sum + p.amountCents, 0);
      if (after.paidCents - settledBefore <= 0) return 'not_deserved';
    }
    // A client who marked a message as spam gets nothing automatic any more, a thank-you included.
    if (client.complained) return 'complained';
    const recipients = reminderRecipients(client);
    if (recipients.to.length === 0) return 'no_address';
    const now = deps.clock.now();
    const at = now.toISOString();
    if (!(await deps.claims.claim(tenantId, invoiceId, at, claimOf))) return 'already_thanked';
    let messageId: string;
    // A partial payment (thankOnPartial) is thanked as one: what is paid so far and what is left.
    const templateId = partial ? THANK_YOU_PARTIAL_TEMPLATE_ID : THANK_YOU_TEMPLATE_ID;
    try {
      const own = await resolveTemplate(deps.templates, tenantId, templateId, client.language);
      // A consumer is never told of penalties or the €40 (CPCE L111-8): a thank-you customised to mention them goes as the built-in one.
      const template = templateRefusalFor(client.kind, own) ? (defaultTemplate(own.id) ?? defaultTemplate(templateId) ?? own) : own;
      // « réglés à ce jour »: a final invoice's deposits for what the client paid on them, not what they invoiced.
      const depositsSettled = await depositsSettledOf(deps.invoices, invoice);
      const vars = reminderVariables(inTemplateLanguage({ invoice, client, settings, ...withDepositsSettled(depositsSettled), asOf: now }, template));
      // French typography's no-break spaces, as every email in French (the saved template keeps its plain spaces).
      const text = typeset(renderTemplate(template.body, vars), template.language);
      const replyTo = replyToOf(settings);
      ({ messageId } = await deps.mailer.send({
        to: recipients.to,
        cc: [],
        ...(replyTo ? { replyTo } : {}),
        fromName: settings.company.name,
        subject: typeset(renderTemplate(template.subject, vars), template.language),
        text,
        html: textToHtml(text),
        attachments: [],
        tags: { tenant: tenantId, invoice: invoiceId, client: client.id, kind: 'thank-you' },
      }));
    } catch (error) {
      // Nothing went out: the stream's retry may try again.
      await deps.claims.release(tenantId, invoiceId, claimOf);
      throw error;
    }
    await deps.claims.complete(tenantId, invoiceId, messageId, at, claimOf);
    await deps.invoices.appendEvents(tenantId, invoiceId, [{ at, type: 'thank_you.sent', data: { messageId, to: recipients.to.join(', '), templateId } }]);
    return 'sent';
  };
