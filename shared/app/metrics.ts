/**
 * Metrics port: what an operator counts and alarms on (CloudWatch metrics in AWS through
 * shared/adapters/telemetry/powertools-metrics.ts; test/fixtures/recording-metrics.ts in tests).
 * Fire-and-forget: recording a metric never throws into a use case.
 */
export interface Metrics {
  /** A reminder email left through SES. */
  reminderSent(): void;
  /**
   * A reminder step was recorded `skipped`, and why: at its fire (`paid`, `paused`, `client_email_bouncing`…), when a
   * plan is recorded or re-planned (`due_passed`), or because a message sent by hand or a grouped one stood for it
   * (`manual_sent`, `group_sent`). One per `reminder.skipped` event of the timeline.
   */
  reminderSkipped(reason: string): void;
  /**
   * A reminder send failed: SES or the SMS provider refused it, or its fire was lost (the DLQ consumer). Each failed attempt
   * counts, a retry's too: the step is `scheduled` again (reason `retry`, within 24 h of its first failure), then `failed`.
   */
  reminderFailed(): void;
  /** A send whose outcome is unknown: the step stayed `sending` (crash between SES and the table). */
  reminderOutcomeUnknown(): void;
  /** SES reported a bounce (permanent or transient) for one of our emails. */
  emailBounced(): void;
  /**
   * A payment was recorded on an invoice: by the owner, or one made before its invoice was imported (the import writes
   * it as a payment). A client's "I paid" on the portal books nothing, and is not one.
   */
  paymentRecorded(): void;
}

/** Counts each `reminder.skipped` event of `events` (written to the timeline) by its reason. */
export const countSkipped = (metrics: Metrics | undefined, events: readonly { readonly type: string; readonly data?: Readonly<Record<string, unknown>> }[]): void => {
  for (const event of events) {
    if (event.type === 'reminder.skipped') metrics?.reminderSkipped(typeof event.data?.reason === 'string' ? event.data.reason : 'unknown');
  }
};

/** For callers that do not count anything (scripts, the local simulation). */
export const noMetrics: Metrics = {
  reminderSent: () => undefined,
  reminderSkipped: () => undefined,
  reminderFailed: () => undefined,
  reminderOutcomeUnknown: () => undefined,
  emailBounced: () => undefined,
  paymentRecorded: () => undefined,
};
