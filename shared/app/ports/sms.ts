/** Ports — Sending text messages (AWS End User Messaging SMS; a local stand-in captures them). */

export interface OutgoingSms {
  /** E.164, e.g. `+33612345678`. */
  readonly to: string;
  readonly text: string;
  /** Phone number, sender id, pool (or their ARN) the text goes out from; absent = the account's default. */
  readonly originationIdentity?: string;
  /** Correlation (tenant, invoice, step), returned with delivery events. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface SmsSender {
  /** Returns the provider's message id; throws `UpstreamError` when the text was not accepted. */
  send(sms: OutgoingSms): Promise<{ messageId: string }>;
}
