/**
 * The owner-notifications functions (stream consumer and daily overview): they send email and
 * keep the recurring overview schedule, so they import the SES and Scheduler clients.
 */
import { EventBridgeReminderScheduler } from './adapters/scheduler/eventbridge-reminder-scheduler.js';
import { makeSendDailyOverview } from './app/notifications/daily-overview.js';
import { makeNotifyOwner, makeSyncPaymentLog } from './app/notifications/notify-owner.js';
import { makeSyncOverviewSchedule } from './app/notifications/overview-schedule.js';
import { memo } from './clients.js';
import { required } from './config.js';
import { mailer } from './wiring-email.js';
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

const notifyDeps = () => ({
  notifications: wiring.notifications(),
  paymentLog: wiring.notifications(),
  invoices: wiring.invoices(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  mailer: mailer(),
  clock: wiring.clock,
});

export const notifyOwner = () => makeNotifyOwner(notifyDeps());
export const syncPaymentLog = () => makeSyncPaymentLog(notifyDeps());
export const syncOverviewSchedule = () => makeSyncOverviewSchedule({ settings: wiring.settings(), scheduler: overviewScheduler() });
export const sendDailyOverview = () =>
  makeSendDailyOverview({ ...notifyDeps(), steps: wiring.steps(), ...(config.WEB_URL ? { appUrl: config.WEB_URL.replace(/\/$/, '') } : {}) });
