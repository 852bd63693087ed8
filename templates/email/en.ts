import type { EmailTexts } from './texts.js';

const portal = (portalUrl?: string) => (portalUrl ? `\nView, pay or tell us you paid: ${portalUrl}\n` : '');
const transfer = (iban?: string, bic?: string) => (iban ? `\nBank transfer: IBAN ${iban}${bic ? `, BIC ${bic}` : ''}\n` : '');

export const en: EmailTexts = {
  invoice: (d) => ({
    subject: `Invoice ${d.number} from ${d.company}`,
    text: `Hello ${d.clientName},\n\nPlease find attached invoice ${d.number} for ${d.amount}, due on ${d.dueDate}.\n${transfer(d.iban, d.bic)}${portal(d.portalUrl)}\nThank you,\n${d.company}`,
  }),
  quote: (d) => ({
    subject: `Quote ${d.number} from ${d.company}`,
    text: `Hello ${d.clientName},\n\nPlease find attached quote ${d.number} for ${d.amount}, valid until ${d.validUntil}.\n\nKind regards,\n${d.company}`,
  }),
  quoteFollowUp: (d) => ({
    subject: `Your quote ${d.number} from ${d.company}`,
    text: `Hello ${d.clientName},\n\nWe are following up on quote ${d.number} for ${d.amount}, valid until ${d.validUntil}, attached again for convenience.\nWe would be glad to answer any question or adjust it to your needs. To accept it, simply reply to this email or return it signed.\n\nKind regards,\n${d.company}`,
  }),
  creditNote: (d) => ({
    subject: `Credit note ${d.number} for invoice ${d.invoiceNumber}`,
    text: `Hello ${d.clientName},\n\nPlease find attached credit note ${d.number} for invoice ${d.invoiceNumber}.\n\n${d.company}`,
  }),
  planAccepted: (d) => ({
    subject: `Invoice ${d.number}: your payment plan is accepted`,
    text: `Hello ${d.clientName},\n\nWe accept the payment plan you proposed for invoice ${d.number}:\n${d.schedule}\n${d.waived ? '\nAs long as this plan is kept, we waive the late-payment penalties and the fixed recovery indemnity.\n' : ''}${transfer(d.iban, d.bic)}\nWe will remind you of each instalment a few days before it is due.\n\nKind regards,\n${d.company}`,
  }),
  planDeclined: (d) => ({
    subject: `Invoice ${d.number}: your payment plan request`,
    text: `Hello ${d.clientName},\n\nWe cannot accept the payment plan you proposed for invoice ${d.number}${d.reason ? `: ${d.reason}` : '.'}\nThe balance still due is ${d.balance}. Do not hesitate to contact us to talk it over.\n${transfer(d.iban, d.bic)}\nKind regards,\n${d.company}`,
  }),
  ownerAlert: (d) =>
    d.reason === 'send_failed'
      ? {
          subject: `[Relances] Reminder not sent — invoice ${d.invoice}`,
          text: `The reminder could not be sent after several attempts over 24 hours. You can send it by hand from the invoice.\n\nInvoice ${d.invoice}, client ${d.clientName}, step ${d.stepId}.`,
        }
      : {
          subject: `[Relances] Reminder maybe not sent — invoice ${d.invoice}`,
          text: `Sending the reminder was interrupted: it may or may not have left. It will not be resent automatically, to avoid a duplicate; check and resend it by hand if needed.\n\nInvoice ${d.invoice}, client ${d.clientName}, step ${d.stepId}.`,
        },
};
