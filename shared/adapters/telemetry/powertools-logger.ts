import { Logger } from '@aws-lambda-powertools/logger';
import { serviceName } from '../../config.js';

/**
 * The one logger of every function: JSON lines on stdout (Powertools Logger), level from
 * POWERTOOLS_LOG_LEVEL (default INFO). Correlation ids (request, tenant, invoice, step) are
 * passed with each line, never appended to the shared logger, because the local stack runs
 * many requests at once in one process. Log ids, never personal data (names, emails, IBANs).
 */
export const logger = new Logger({ serviceName: serviceName() });

/** The correlation ids a log line may carry. */
export interface Correlation {
  readonly requestId?: string;
  readonly tenantId?: string;
  readonly invoiceId?: string;
  readonly quoteId?: string;
  readonly clientId?: string;
  readonly stepId?: string;
  readonly [key: string]: string | number | boolean | undefined;
}

/** An email address, or a phone number in international form (`+33612345678`, `+33 6 12 34 56 78`). */
const PERSONAL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|\+\d[\d .-]{6,}\d/gu;

/** `text` with the addresses and phone numbers it quotes replaced by `<redacted>`. */
export const redacted = (text: string): string => text.replace(PERSONAL, '<redacted>');

/**
 * An error as a log line carries it: name, message and (with `stack`) the stack, the email
 * addresses and phone numbers they quote redacted. Providers quote them in their own errors
 * (SES in its sandbox: "The following identities failed the check …: compta@client.fr"), and
 * the adapters pass those messages on.
 */
export const loggedError = (error: unknown, { stack = false } = {}): { name: string; message: string; stack?: string } | string =>
  error instanceof Error
    ? { name: error.name, message: redacted(error.message), ...(stack && error.stack ? { stack: redacted(error.stack) } : {}) }
    : redacted(String(error));
