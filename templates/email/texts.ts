/**
 * Customer- and owner-facing email texts (not the editable reminder templates, which live in
 * shared/domain/default-templates.ts): one module per language, all built from already
 * formatted values (./format.ts), so that use cases hold no wording.
 */
export interface EmailText {
  readonly subject: string;
  readonly text: string;
}

export interface Seller {
  readonly company: string;
  readonly iban?: string;
  readonly bic?: string;
}

export interface EmailTexts {
  /** The invoice itself, sent with its PDF. */
  invoice(d: { clientName: string; number: string; amount: string; dueDate: string; /** The client portal link of this email. */ portalUrl?: string } & Seller): EmailText;
  /** A quote, sent with its PDF. */
  quote(d: { clientName: string; number: string; amount: string; validUntil: string } & Seller): EmailText;
  /** The follow-up of an unanswered quote. */
  quoteFollowUp(d: { clientName: string; number: string; amount: string; validUntil: string } & Seller): EmailText;
  /** A credit note, sent with its PDF. */
  creditNote(d: { clientName: string; number: string; invoiceNumber: string } & Seller): EmailText;
  /** To the owner, at once: something about an invoice needs a person (shared/domain/notification.ts). */
  ownerNotification(d: OwnerNotificationText): EmailText;
  /** To the owner, every morning: what goes out today, what to post, what came in, what is late, what is open. */
  dailyOverview(d: DailyOverviewText): EmailText;
  /** To the client: the payment plan they asked for was accepted (`schedule`: one line per instalment). */
  planAccepted(d: { clientName: string; number: string; schedule: string; waived: boolean; portalUrl?: string } & Seller): EmailText;
  /** To the client: the payment plan they asked for was declined, with the owner's reason if given. */
  planDeclined(d: { clientName: string; number: string; balance: string; reason?: string; portalUrl?: string } & Seller): EmailText;
}

export interface OwnerNotificationText {
  readonly kind: 'bounce' | 'complaint' | 'dispute' | 'promise' | 'paid_claim' | 'send_failed' | 'unknown_outcome' | 'plan_request' | 'plan_missed' | 'litigation' | 'step_skipped';
  readonly invoice: string;
  readonly clientName: string;
  /** The invoice's page in the web app, when the stack knows its address. */
  readonly link?: string;
  /** Formatted: the promised date, the date the client says he paid. */
  readonly date?: string;
  readonly reason?: string;
  readonly reference?: string;
  readonly recipients?: string;
  readonly instalments?: number;
  /** What the client wrote with a plan request. */
  readonly note?: string;
  /** `send_failed` of a credit note's email (not a reminder's): the credit note's number. */
  readonly creditNote?: string;
  /** Why a step failed, when it is not an outage (`sms_opted_out`: the number replied STOP). */
  readonly cause?: 'sms_opted_out';
  /** A plan ended while the invoice is held: its reminders do not resume (a paused one's resume on `until`, if set). */
  readonly held?: 'litigation' | 'disputed' | 'paused';
  /** Formatted: the day a dated pause ends. */
  readonly until?: string;
}

export interface DailyOverviewText {
  /** Formatted day. */
  readonly date: string;
  /** `undeliverable`: the step cannot reach the client on its channel (listed apart, not as going out). */
  readonly reminders: readonly {
    invoice: string; clientName: string; time: string; template: string; cancel: string; undeliverable?: 'address_failing' | 'no_phone' | 'no_postal_address';
    /** The client rules send it on a later day (formatted) and why (`gap`, `same_day`, `order`): listed apart, not as going out. */
    postponedTo?: string; postponedBy?: string;
    /** A courtesy step the client rules push onto its due date: it will not go out at all (listed apart). */
    skippedBy?: 'due_passed';
  }[];
  /** `invoices`: a letter listing several invoices of the client (one envelope). */
  readonly letters: readonly { invoice: string; invoices?: readonly string[]; clientName: string; step: string }[];
  readonly payments: readonly { invoice: string; clientName: string; amount: string }[];
  readonly overdue: readonly { invoice: string; clientName: string; balance: string; dueDate: string }[];
  /** One line per unread notification (its subject). */
  readonly alerts: readonly string[];
}
