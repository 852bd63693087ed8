/**
 * The reminder scheduler and the use cases that create or delete schedules (the stream
 * reconciler). Its Scheduler client is created here, not in shared/clients.ts, so that no
 * other function imports @aws-sdk/client-scheduler (INIT cost; see shared/clients.ts).
 */
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeReminderScheduler } from './adapters/scheduler/eventbridge-reminder-scheduler.js';
import { makeReconcileQuoteFollowUp } from './app/reminders/quote-follow-up.js';
import { makeReconcileSchedules, makeScheduleLeaseCheck } from './app/reminders/reconcile-schedules.js';
import { memo, withoutSdkLogging } from './clients.js';
import { required } from './config.js';
import { wiring } from './wiring.js';
import { reminderReadDeps } from './wiring-reminders.js';
import { reminderSteps } from './wiring-reminder-steps.js';
import { invoiceRepository } from './wiring-invoice-repository.js';
import { batchClients, batchDocuments, batchSettings } from './app/batch-reads.js';
import { quoteRepository } from './wiring-quotes.js';
import { metrics } from './wiring-telemetry.js';

const { config } = wiring;
export const schedulerClient = memo(() => withoutSdkLogging(new SchedulerClient({ maxAttempts: 5 })));
export const scheduler = memo(
  () =>
    new EventBridgeReminderScheduler(schedulerClient(), {
      groupName: required(config, 'SCHEDULE_GROUP'),
      targetArn: required(config, 'SEND_REMINDER_FUNCTION_ARN'),
      roleArn: required(config, 'SCHEDULER_ROLE_ARN'),
      ...(config.REMINDER_DLQ_ARN ? { deadLetterArn: config.REMINDER_DLQ_ARN } : {}),
    }),
);

export const reconcileSchedules = ({ batchReads = false } = {}) => {
  const reads = reminderReadDeps();
  return makeReconcileSchedules({
    ...reads,
    ...(batchReads ? { settings: batchSettings(reads.settings), scenarios: batchDocuments(reads.scenarios), clients: batchClients(reads.clients) } : {}),
    steps: reminderSteps(),
    invoices: invoiceRepository(),
    scheduler: scheduler(),
    clock: wiring.clock,
    metrics: metrics(),
  });
};
/** Lease checks of steps just claimed, created from the stream record (the settings read once per batch). */
export const scheduleLeaseCheck = () => makeScheduleLeaseCheck({ scheduler: scheduler(), settings: batchSettings(reminderReadDeps().settings) });
export const reconcileQuoteFollowUp = () =>
  makeReconcileQuoteFollowUp({ quotes: quoteRepository(), clients: wiring.clients(), settings: wiring.settings(), clock: wiring.clock, scheduler: scheduler() });
