/**
 * When a reminder text may reach a phone (DOMAIN.md §4, the French operators' practice for
 * business SMS): 08:00–20:00 in the tenant's zone, never on a Sunday or a public holiday,
 * whatever the tenant's own calendar allows; on top of that the tenant's calendar (no Saturday
 * when it skips weekends). A text planned outside moves forward to the next allowed slot.
 */
import { addDays, weekday } from './dates.js';
import { isPublicHoliday } from './holidays.js';
import { isSendDay, type SendCalendar } from './send-calendar.js';
import { utcToZoned, zonedToUtc } from './zoned-time.js';

/** First allowed local time of a day, and the first one no longer allowed (exclusive). */
export const SMS_WINDOW = { from: '08:00:00', until: '20:00:00' } as const;

/** A day a text may go out: the tenant's send day, never Sunday, never a public holiday. */
export const isSmsDay = (date: string, calendar: SendCalendar): boolean =>
  weekday(date) !== 0 && !isPublicHoliday(date, calendar.region) && isSendDay(date, calendar);

export const isInSmsWindow = (instant: Date, calendar: SendCalendar): boolean => {
  const { date, time } = utcToZoned(instant, calendar.timeZone);
  return isSmsDay(date, calendar) && time >= SMS_WINDOW.from && time < SMS_WINDOW.until;
};

/**
 * `instant` itself when a text may go out then; otherwise the next allowed slot: 08:00 the same
 * day when it is too early, 08:00 the next day when it is too late, and on a Sunday or a holiday
 * the same local time (kept inside the window) on the next allowed day.
 */
export const nextSmsSlot = (instant: Date, calendar: SendCalendar): Date => {
  if (isInSmsWindow(instant, calendar)) return instant;
  let { date, time } = utcToZoned(instant, calendar.timeZone);
  if (time >= SMS_WINDOW.until) {
    date = addDays(date, 1);
    time = SMS_WINDOW.from;
  } else if (time < SMS_WINDOW.from) time = SMS_WINDOW.from;
  // Sundays, holidays and the tenant's days off never run past a few days; the bound keeps it total.
  for (let i = 0; i < 31 && !isSmsDay(date, calendar); i++) date = addDays(date, 1);
  return zonedToUtc(`${date}T${time}`, calendar.timeZone);
};

/**
 * How long a text waits behind the client's email of the same day: one minute past it, inside the
 * re-planner's "imminent" window (IMMINENT_MS), so the wait is not re-planned to another day.
 */
export const EMAIL_FIRST_DELAY_MS = 60_000;
