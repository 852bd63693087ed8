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
  /** To the client: the payment plan they asked for was accepted (`schedule`: one line per instalment). */
  planAccepted(d: { clientName: string; number: string; schedule: string; waived: boolean } & Seller): EmailText;
  /** To the client: the payment plan they asked for was declined, with the owner's reason if given. */
  planDeclined(d: { clientName: string; number: string; balance: string; reason?: string } & Seller): EmailText;
  /** To the owner: a reminder needs a person (failed after 24 h of retries, or unknown outcome). */
  ownerAlert(d: { reason: 'send_failed' | 'unknown_outcome'; invoice: string; clientName: string; stepId: string }): EmailText;
}
