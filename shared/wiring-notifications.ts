/**
 * The owner-notifications functions (stream consumer and daily overview): they send email.
 * The overview schedule's wiring is in shared/wiring-overview-schedule.ts, so that send-overview
 * does not import the Scheduler client.
 */
import { makeSendDailyOverview } from './app/notifications/daily-overview.js';
import { makeNotifyOwner, makeSyncPaymentLog } from './app/notifications/notify-owner.js';
import { mailer } from './wiring-email.js';
import { wiring } from './wiring.js';
import { invoiceRepository } from './wiring-invoice-repository.js';
import { reminderReadDeps } from './wiring-reminders.js';

import { notificationStore } from './wiring-notification-store.js';
const { config } = wiring;

const notifyDeps = () => ({
  notifications: notificationStore(),
  paymentLog: notificationStore(),
  invoices: invoiceRepository(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  mailer: mailer(),
  clock: wiring.clock,
});

export const notifyOwner = () => makeNotifyOwner({ ...notifyDeps(), ...(config.WEB_BASE_URL ? { appUrl: config.WEB_BASE_URL.replace(/\/$/, '') } : {}) });
export const syncPaymentLog = () => makeSyncPaymentLog(notifyDeps());
export const sendDailyOverview = () =>
  makeSendDailyOverview({ ...notifyDeps(), steps: wiring.steps(), simulation: { ...reminderReadDeps(), templates: wiring.templates() }, ...(config.WEB_BASE_URL ? { appUrl: config.WEB_BASE_URL.replace(/\/$/, '') } : {}) });
