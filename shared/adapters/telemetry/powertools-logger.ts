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

export { loggedError, redacted, redactedError } from './redact.js';
