import { localDate } from '../../domain/dates.js';
import { nextRetryAt, RETRY_WINDOW_MS } from '../../domain/reminder-steps.js';
import { sendSlotAtOrAfter } from '../../domain/send-calendar.js';
import { nextSmsSlot } from '../../domain/sms-window.js';
import type { StepRecordItem } from '../ports/reminder-steps.js';
import { sendCalendarFor, type SendContext } from './reminder-context.js';

/**
 * A step that failed at `now` (its send threw, or its fire was lost: shared/app/reminders/undelivered-fire.ts):
 * when it is tried again, or undefined when it fails for good (the owner is told). Retries back off (15 min,
 * 2 h, 8 h, …), keep to the calendar and stay within 24 h of the first failure (`firstFailedAt`).
 */
export const retryAfterFailure = (
  ctx: Pick<SendContext, 'settings' | 'client' | 'invoice'>,
  record: Pick<StepRecordItem, 'attempts' | 'firstFailedAt' | 'manual' | 'channel' | 'beforeDue' | 'instalmentDue' | 'scheduledAt'>,
  now: Date,
  options: { readonly noRetry?: boolean } = {},
): { readonly firstFailedAt: string; readonly failures: number; readonly retry?: Date } => {
  const at = now.toISOString();
  // A step firing within the retry window of an earlier failure continues it. One moved past it since
  // (a payment's grace window, a due date put later, the client's gap) starts a window of its own at
  // its new time: it used to keep the old one, so its first failure there failed it for good, unretried.
  const inWindow = record.firstFailedAt !== undefined && record.scheduledAt !== undefined && Date.parse(record.scheduledAt) - Date.parse(record.firstFailedAt) <= RETRY_WINDOW_MS;
  const firstFailedAt = inWindow ? record.firstFailedAt! : at;
  const failures = inWindow ? (record.attempts ?? 0) + 1 : 1;
  const calendar = sendCalendarFor(ctx.settings, ctx.client);
  const retryAt = record.manual || options.noRetry ? undefined : nextRetryAt(failures, new Date(firstFailedAt), now);
  // A retry keeps to the calendar (a text to its window, an email to a send day from the send hour on),
  // and still within the retry window of the first failure: otherwise the step fails now and the owner is told.
  const slot = retryAt && (record.channel === 'sms' ? nextSmsSlot(retryAt, calendar) : sendSlotAtOrAfter(retryAt, calendar));
  // A before-due step is never retried on or after its due date: there it would only be skipped
  // `due_passed` at its fire, the owner never told that the courtesy reminder did not go out.
  const beforeItsDue = (at: Date) => !record.beforeDue || localDate(at, calendar.timeZone) < (record.instalmentDue ?? ctx.invoice.dueDate);
  const retry = slot && (record.channel === 'sms' || slot.getTime() - Date.parse(firstFailedAt) <= RETRY_WINDOW_MS) && beforeItsDue(slot) ? slot : undefined;
  return { firstFailedAt, failures, ...(retry ? { retry } : {}) };
};

