/** Ports — Sending email (SESv2; the SES emulator locally). */

export interface EmailAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface OutgoingEmail {
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly bcc?: readonly string[];
  readonly replyTo?: string;
  readonly fromName?: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly attachments?: readonly EmailAttachment[];
  /** The invoices the message is about (several for a grouped reminder); not sent, for logs and checks. */
  readonly invoiceIds?: readonly string[];
  /** SES message tags, for correlating delivery events (tenant, invoice, step). */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface Mailer {
  /** Returns the provider's message id. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}
