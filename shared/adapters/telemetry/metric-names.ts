/**
 * The custom metrics the functions publish (CloudWatch embedded metric format, through
 * Powertools), shared with the alarms and the dashboard (infra/constructs/monitoring.ts) so a
 * renamed metric cannot leave an alarm watching nothing. Each carries the `service`
 * dimension, set to the stack name (RelancesFunction's POWERTOOLS_SERVICE_NAME).
 */
export const METRICS_NAMESPACE = 'Relances';

export const MetricNames = {
  remindersSent: 'RemindersSent',
  /** Also published per `reason` (a second series with the `service` and `reason` dimensions). */
  remindersSkipped: 'RemindersSkipped',
  remindersFailed: 'RemindersFailed',
  /** A send whose outcome is unknown (crash between SES and the table): a person must check. */
  remindersOutcomeUnknown: 'RemindersOutcomeUnknown',
  emailBounces: 'EmailBounces',
  paymentsRecorded: 'PaymentsRecorded',
} as const;

export const SKIP_REASON_DIMENSION = 'reason';
