import { smsRecipient, type Client } from '../../domain/client.js';
import { renderTemplate } from '../../domain/template-render.js';
import { localDate } from '../../domain/dates.js';
import { invoiceBalanceCents } from '../../domain/invoice.js';
import type { Settings } from '../../domain/settings.js';
import { gsmPunctuation } from '../../domain/sms-text.js';
import type { InvoiceRecord, OutgoingSms } from '../ports.js';
import { inTemplateLanguage, reminderVariables, type ReminderMaterial, type VariablesMaterial } from './compose-reminder.js';

/** Where an sms step goes (shared/domain/client.ts). */
export { smsRecipient };

/**
 * The text of an sms step: its template's body rendered on one line. Without a payment URL in
 * the settings, the pay link becomes the transfer reference (or the company's phone or email).
 */
export const composeSms = (m: VariablesMaterial & Pick<ReminderMaterial, 'template'>, to: string): OutgoingSms => {
  const text = renderSmsText(m.template.body, reminderVariables(inTemplateLanguage(m, m.template)), m.template.language);
  const sms = m.settings.sms;
  const originationIdentity = sms?.originationIdentity ?? sms?.senderId;
  return { to, text, ...(originationIdentity ? { originationIdentity } : {}) };
};

/**
 * A text's variables: without a payment URL in the settings, `paymentLink` becomes the transfer
 * reference (or the company's phone or email), so "Pour régler : {{paymentLink}}" never ends empty.
 */
export const smsVariables = (vars: Record<string, string>, language: Client['language']): Record<string, string> => {
  if (vars.paymentLink) return vars;
  const fallback = vars.iban
    ? language === 'en'
      ? `transfer to IBAN ${vars.iban}, reference ${vars.invoiceNumber}.`
      : `virement IBAN ${vars.iban}, référence ${vars.invoiceNumber}.`
    : vars.companyPhone || vars.companyEmail || '';
  return { ...vars, paymentLink: fallback };
};

/**
 * A text as sent: the template's body rendered with `smsVariables`, on one line, its typographic
 * punctuation written in GSM-7 (one ’ or « » sent the whole text in UCS-2, twice the parts; see
 * shared/domain/sms-text.ts). The template editor's preview shows the same.
 */
export const renderSmsText = (body: string, vars: Record<string, string>, language: Client['language']): string =>
  gsmPunctuation(renderTemplate(body, smsVariables(vars, language))).replace(/\s+/g, ' ').trim();

/** At most this many invoice numbers are spelt out in a grouped text; the others are counted. */
const SMS_NUMBERS_LISTED = 3;

/**
 * One text about several invoices of one client whose sms steps fall on the same day (settings
 * `groupByClient`): how many, their numbers, the total balance and how to pay (settings.paymentUrl
 * rendered with the numbers listed, `+N`, and the total, else the transfer reference), in the client's
 * language. Sent instead of one text per invoice, which the client gap would spread over days.
 */
export const composeGroupedSms = (
  m: { readonly invoices: readonly InvoiceRecord[]; readonly client: Client; readonly settings: Settings; readonly asOf: Date },
  to: string,
): OutgoingSms => {
  const ordered = [...m.invoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || (a.number ?? a.id).localeCompare(b.number ?? b.id));
  const numbers = ordered.map((i) => i.number ?? i.id);
  const totalCents = ordered.reduce((sum, i) => sum + invoiceBalanceCents(i), 0);
  const first = ordered[0]!;
  const rest = numbers.length - SMS_NUMBERS_LISTED;
  // What paymentUrl and the transfer reference take: the numbers the text lists, then `+N` as the EPC QR counts the
  // others (all of them made a 40-invoice text of 9 parts, mostly its link).
  const head = numbers.slice(0, SMS_NUMBERS_LISTED).join(', ');
  const reference = head + (rest > 0 ? ` +${rest}` : '');
  // The group as one invoice: that reference, the total balance.
  const vars = reminderVariables({
    invoice: { ...first, number: reference, totals: { ...first.totals, grossCents: totalCents }, paidCents: 0, creditedCents: 0, deductedCents: 0 },
    client: m.client,
    settings: m.settings,
    asOf: m.asOf,
  });
  const en = m.client.language === 'en';
  // A text before the due date (a courtesy step) must not say "overdue".
  const allOverdue = ordered.every((i) => i.dueDate < localDate(m.asOf, m.settings.timezone));
  const state = en ? (allOverdue ? 'are overdue' : 'are awaiting payment') : allOverdue ? 'sont échues' : 'sont à régler';
  const listed = head + (rest > 0 ? (en ? ` and ${rest} more` : ` et ${rest} autre${rest > 1 ? 's' : ''}`) : '');
  const pay =
    vars.paymentLink ||
    (vars.iban ? (en ? `transfer to IBAN ${vars.iban}, reference ${reference}.` : `virement IBAN ${vars.iban}, référence ${reference}.`) : vars.companyPhone || vars.companyEmail);
  const text = gsmPunctuation(
    en
      ? `${vars.companyName}: ${numbers.length} invoices (${listed}) ${state}, ${vars.balanceAmount} in total. To pay: ${pay} Already paid? Please ignore this message.`
      : `${vars.companyName} : ${numbers.length} factures (${listed}) ${state}, ${vars.balanceAmount} au total. Pour régler : ${pay} Déjà réglé ? Merci d'ignorer ce message.`,
  )
    .replace(/\s+/g, ' ')
    .trim();
  const sms = m.settings.sms;
  const originationIdentity = sms?.originationIdentity ?? sms?.senderId;
  return { to, text, ...(originationIdentity ? { originationIdentity } : {}) };
};
