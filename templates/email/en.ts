import type { EmailTexts } from './texts.js';
import { ibanGroups, sentence } from './format.js';

const portal = (portalUrl?: string) => (portalUrl ? `\nView, pay or tell us you paid: ${portalUrl}\n` : '');
const transfer = (iban?: string, bic?: string, reference?: string) =>
  iban ? `\nBank transfer: IBAN ${ibanGroups(iban)}${bic ? `, BIC ${bic}` : ''}${reference ? `, reference ${reference}.` : ''}\n` : '';

/** Why a reminder of the daily overview goes out on a later day (the client rules of the send path). */
const POSTPONED_EN: Record<string, string> = {
  gap: 'gap between two messages to the client',
  same_day: 'another reminder of this invoice goes out that day',
  order: 'an earlier reminder of this invoice must go first',
};
/** Why a reminder of the daily overview cannot go out, said to the owner with what to do. */
const BLOCKED_EN = {
  address_failing: "failing address: every email address of the client bounced, correct the client's details",
  no_phone: 'no mobile number: add one to the client',
  due_passed: "not sent: the gap between two messages to the client pushes it onto the due date, and a courtesy reminder never goes out on or after it",
  no_postal_address: 'no postal address: add it to the client',
} as const;

export const en: EmailTexts = {
  invoice: (d) => ({
    subject: `Invoice ${d.number} from ${d.company}`,
    text: `Hello ${d.clientName},\n\nPlease find attached invoice ${d.number} for ${d.amount}, due on ${d.dueDate}.\n${transfer(d.iban, d.bic, d.number)}${portal(d.portalUrl)}\nThank you,\n${d.company}`,
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
  ownerNotification: (d) => {
    const about = `invoice ${d.invoice} (${d.clientName})`;
    const [subject, body] = ((): [string, string] => {
      switch (d.kind) {
        case 'bounce': return [`Email bounced — ${about}`, `The message sent${d.recipients ? ` to ${d.recipients}` : ''} was refused by the recipient's server. Correct the client's address: automatic reminders no longer go to a failing address.`];
        case 'complaint': return [`Marked as spam — ${about}`, `The client marked your message as spam. Automatic reminders to this client are stopped.`];
        case 'dispute': return [`Dispute — ${about}`, `The client disputes the invoice${d.reason ? `: "${d.reason}"` : ''}. Reminders are stopped until you resolve it.`];
        case 'promise': return [`Promise to pay — ${about}`, `The client promises to pay${d.date ? ` on ${d.date}` : ''}. Reminders are paused until then.`];
        case 'paid_claim': return [`"I have paid" — ${about}`, `The client says they paid${d.date ? ` on ${d.date}` : ''}${d.reference ? ` (reference ${d.reference})` : ''}. Check your account and record the payment.`];
        case 'send_failed':
          if (d.creditNote) return [`Credit note not sent — ${about}`, `Credit note ${d.creditNote} is issued, but its email to the client was refused by the sending service: the client did not get it. Send it again from the invoice (“Send credit note again”, under Credit notes), or download its PDF and send it yourself (a write-off's credit note must reach the debtor to recover the VAT).`];
          if (d.cause === 'sms_opted_out') return [`Text not sent — ${about}`, `The reminder text did not go out: the client opted out of texts by replying STOP, and no more will be delivered to that number. Remind them another way (email, letter) from the invoice, or give this client a scenario without texts.`];
          return [`Reminder not sent — ${about}`, `The reminder could not be sent after several attempts over 24 hours. You can send it by hand from the invoice.`];
        case 'unknown_outcome': return [`Reminder maybe not sent — ${about}`, `Sending the reminder was interrupted: it may or may not have left. It will not be resent automatically, to avoid a duplicate; check and resend it by hand if needed.`];
        case 'plan_request': return [`Payment plan requested — ${about}`, `The client asks ${d.instalments === 1 ? 'for more time to pay in a single instalment' : `to pay in ${d.instalments ?? 'several'} instalments`}${d.note ? `: "${d.note}"` : ''}. Accept or decline from the invoice.`];
        case 'plan_missed':
          if (d.held === 'paused') return [`Instalment missed — ${about}`, `The instalment${d.date ? ` due on ${d.date}` : ''} was not paid in time: the payment plan has ended. The invoice's reminders being paused, ${d.until ? `they will resume on ${d.until}.` : 'none goes out until you resume them.'}`];
          if (d.held) return [`Instalment missed — ${about}`, `The instalment${d.date ? ` due on ${d.date}` : ''} was not paid in time: the payment plan has ended. The invoice being ${d.held === 'litigation' ? 'in litigation' : 'disputed'}, no reminder resumes.`];
          return [`Instalment missed — ${about}`, `The instalment${d.date ? ` due on ${d.date}` : ''} was not paid in time: the payment plan has ended and the invoice's reminders resume where they stood.`];
        case 'litigation': return [`Moved to litigation — ${about}`, `The invoice moved to litigation automatically: reminders are stopped.`];
        case 'step_skipped':
          if (d.reason === 'no_phone') return [`Text not sent — ${about}`, `The reminder text did not go out: the client has no mobile number (a landline cannot receive texts). Add a mobile number to the client, or remind them another way from the invoice.`];
          if (d.reason === 'no_postal_address') return [`Letter not sent — ${about}`, `The reminder letter was not produced: the client has no postal address. Add it to the client, then remind them from the invoice.`];
          return [`Reminder not sent — ${about}`, `A reminder step did not go out${d.reason ? ` (${d.reason})` : ''}. See the invoice's reminder plan.`];
      }
    })();
    return { subject: `[Relances] ${subject}`, text: `${body}\n\nInvoice ${d.invoice}, client ${d.clientName}.${d.link ? `\nOpen the invoice: ${d.link}` : ''}` };
  },
  dailyOverview: (d) => {
    const section = (title: string, lines: readonly string[]) => (lines.length ? `${title}\n${lines.map((l) => `- ${l}`).join('\n')}\n\n` : '');
    const going = d.reminders.filter((r) => !r.undeliverable && !r.skippedBy && !r.postponedTo);
    const blocked = d.reminders.filter((r) => r.undeliverable || r.skippedBy);
    const postponed = d.reminders.filter((r) => !r.undeliverable && !r.skippedBy && r.postponedTo);
    return {
      subject: `[Relances] Your day, ${d.date}`,
      text:
        `Hello,\n\nHere is your overview for ${d.date}.\n\n` +
        section(`Reminders going out today (${going.length})`, going.map((r) => `${r.time} · invoice ${r.invoice} · ${r.clientName} · ${r.template} — cancel: ${r.cancel}`)) +
        section(
          `Reminders postponed (${postponed.length})`,
          postponed.map((r) => `${r.time} · invoice ${r.invoice} · ${r.clientName} · ${r.template} — postponed to ${r.postponedTo}: ${POSTPONED_EN[r.postponedBy ?? ''] ?? 'client sending rules'}; cancel: ${r.cancel}`),
        ) +
        section(
          `Reminders that cannot go out (${blocked.length})`,
          blocked.map((r) => `${r.time} · invoice ${r.invoice} · ${r.clientName} · ${r.template} — ${BLOCKED_EN[r.undeliverable ?? r.skippedBy!]}; see: ${r.cancel}`),
        ) +
        section(`Letters to post (${d.letters.length})`, d.letters.map((l) => `${l.invoices ? `invoices ${l.invoices.join(', ')}` : `invoice ${l.invoice}`} · ${l.clientName} · ${l.step}`)) +
        section(`Payments received yesterday (${d.payments.length})`, d.payments.map((p) => `${p.amount} · invoice ${p.invoice} · ${p.clientName}`)) +
        section(`Invoices newly overdue (${d.overdue.length})`, d.overdue.map((o) => `invoice ${o.invoice} · ${o.clientName} · ${o.balance} due since ${o.dueDate}`)) +
        section(`Unread alerts (${d.alerts.length})`, d.alerts) +
        `Change these emails in Settings › Notifications.`,
    };
  },
  planAccepted: (d) => ({
    subject: `Invoice ${d.number}: your payment plan is accepted`,
    text: `Hello ${d.clientName},\n\nWe accept the payment plan you proposed for invoice ${d.number}:\n${d.schedule}\n${d.waived ? '\nAs long as this plan is kept, we waive the late-payment penalties and the fixed recovery indemnity.\n' : ''}${transfer(d.iban, d.bic, d.number)}${portal(d.portalUrl)}\nWe will remind you of each instalment a few days before it is due.\n\nKind regards,\n${d.company}`,
  }),
  planDeclined: (d) => ({
    subject: `Invoice ${d.number}: your payment plan request`,
    text: `Hello ${d.clientName},\n\nWe cannot accept the payment plan you proposed for invoice ${d.number}${d.reason?.trim() ? `: ${sentence(d.reason)}` : '.'}\nThe balance still due is ${d.balance}. Do not hesitate to contact us to talk it over.\n${transfer(d.iban, d.bic, d.number)}${portal(d.portalUrl)}\nKind regards,\n${d.company}`,
  }),
};
