/**
 * Metrics port: what an operator counts and alarms on (CloudWatch metrics in AWS through
 * shared/adapters/telemetry/powertools-metrics.ts; test/fixtures/recording-metrics.ts in tests).
 * Fire-and-forget: recording a metric never throws into a use case.
 */
export interface Metrics {
  /** A reminder email left through SES. */
  reminderSent(): void;
  /** A due reminder step was not sent, and why (`paid`, `paused`, `client-email-bouncing`…: the plan's reason). */
  reminderSkipped(reason: string): void;
  /** A reminder could not be sent (the step is `failed`). */
  reminderFailed(): void;
  /** A send whose outcome is unknown: the step stayed `sending` (crash between SES and the table). */
  reminderOutcomeUnknown(): void;
  /** SES reported a bounce (permanent or transient) for one of our emails. */
  emailBounced(): void;
  /** A payment was recorded on an invoice. */
  paymentRecorded(): void;
}

/** For callers that do not count anything (scripts, the local simulation). */
export const noMetrics: Metrics = {
  reminderSent: () => undefined,
  reminderSkipped: () => undefined,
  reminderFailed: () => undefined,
  reminderOutcomeUnknown: () => undefined,
  emailBounced: () => undefined,
  paymentRecorded: () => undefined,
};
