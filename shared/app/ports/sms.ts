/** Ports — Sending text messages (AWS End User Messaging SMS; a local stand-in captures them). */
import { UpstreamError } from '../errors.js';

export interface OutgoingSms {
  /** E.164, e.g. `+33612345678`. */
  readonly to: string;
  readonly text: string;
  /** Phone number, sender id, pool (or their ARN) the text goes out from; absent = the account's default. */
  readonly originationIdentity?: string;
  /** Correlation (tenant, invoice, step), returned with delivery events. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The number is on the opt-out list (its owner replied STOP): the provider refuses every text to it, today
 * as tomorrow, so the send is not retried. An `UpstreamError` (502 where an API call meets it).
 */
export class SmsOptedOutError extends UpstreamError {
  constructor(readonly to: string, options?: { cause?: unknown }) {
    super(`the number ${to} opted out of texts (replied STOP): End User Messaging refuses them`, options);
  }
}

export interface SmsSender {
  /** Returns the provider's message id; throws `SmsOptedOutError` for a number that opted out, `UpstreamError` when the text was not accepted otherwise. */
  send(sms: OutgoingSms): Promise<{ messageId: string }>;
}
