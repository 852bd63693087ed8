/** The tenant's recurring daily-overview schedule, kept by the notifications stream consumer. */
import { EventBridgeReminderScheduler } from './adapters/scheduler/eventbridge-reminder-scheduler.js';
import { makeSyncOverviewSchedule } from './app/notifications/overview-schedule.js';
import { memo } from './clients.js';
import { required } from './config.js';
import { schedulerClient } from './wiring-scheduler.js';
import { wiring } from './wiring.js';

const { config } = wiring;

const overviewScheduler = memo(
  () =>
    new EventBridgeReminderScheduler(schedulerClient(), {
      groupName: required(config, 'SCHEDULE_GROUP'),
      targetArn: required(config, 'SEND_REMINDER_FUNCTION_ARN'),
      roleArn: required(config, 'SCHEDULER_ROLE_ARN'),
      overviewTargetArn: required(config, 'OVERVIEW_FUNCTION_ARN'),
      ...(config.REMINDER_DLQ_ARN ? { deadLetterArn: config.REMINDER_DLQ_ARN } : {}),
    }),
);

export const syncOverviewSchedule = () => makeSyncOverviewSchedule({ settings: wiring.settings(), scheduler: overviewScheduler() });
