import { addDays, weekday } from './dates.js';
import { isPublicHoliday, type HolidayRegion } from './holidays.js';
import { localDateTimeOf, utcToZoned, zonedToUtc } from './zoned-time.js';

/** When a tenant's messages may go out: a local hour on local business days. */
export interface SendCalendar {
  /** Local hour, 0–23; messages go out at `sendHour:00:00` in `timeZone`. */
  sendHour: number;
  /** IANA zone, e.g. `Europe/Paris`. */
  timeZone: string;
  skipWeekends: boolean;
  skipHolidays: boolean;
  region: HolidayRegion;
  /**
   * Where the client's text goes, when that phone is in another zone than the tenant's (a Guadeloupe
   * mobile of a Paris artisan): a text keeps to 08:00–20:00 there too (shared/domain/sms-window.ts).
   */
  recipientTimeZone?: string;
  recipientRegion?: HolidayRegion;
}

/** Settings defaults from DOMAIN.md §2: business days at 09:00 Europe/Paris. */
export const DEFAULT_SEND_CALENDAR: SendCalendar = {
  sendHour: 9,
  timeZone: 'Europe/Paris',
  skipWeekends: true,
  skipHolidays: true,
  region: 'metropole',
};

export const isSendDay = (date: string, cal: SendCalendar): boolean => {
  const day = weekday(date);
  if (cal.skipWeekends && (day === 0 || day === 6)) return false;
  if (cal.skipHolidays && isPublicHoliday(date, cal.region)) return false;
  return true;
};

/** `date` itself when it is a send day, else the first send day after it. */
export const nextSendDay = (date: string, cal: SendCalendar): string => {
  let d = date;
  // A weekend plus a holiday bridge never exceeds a few days; the bound keeps the function total.
  for (let i = 0; i < 31 && !isSendDay(d, cal); i++) d = addDays(d, 1);
  return d;
};

/**
 * The last send day strictly before `before` and on or after `floor`, if any. A step meant for
 * before a date (a courtesy J-1, an instalment's courtesy) whose own day is a weekend or holiday
 * running into that date goes out on the last send day before it, not on or after it.
 */
export const lastSendDayBefore = (before: string, floor: string, cal: SendCalendar): string | undefined => {
  let d = addDays(before, -1);
  for (let i = 0; i < 31 && d >= floor; i++, d = addDays(d, -1)) if (isSendDay(d, cal)) return d;
  return undefined;
};

const nominalLocalTime = (date: string, cal: SendCalendar): string => `${date}T${String(cal.sendHour).padStart(2, '0')}:00:00`;

/**
 * The UTC instant of `date` at the send hour, local to the calendar's zone. On the spring-forward day a
 * send hour inside the gap (02:00 in Paris on the last Sunday of March) is the first instant after it (03:00).
 */
export const sendInstant = (date: string, cal: SendCalendar): Date => zonedToUtc(nominalLocalTime(date, cal), cal.timeZone);

/**
 * The `YYYY-MM-DDTHH:mm:ss` wall-clock time of `sendInstant(date)`, for a schedule's `at()`: always a time that
 * exists in the zone (`03:00:00` for a 02:00 send on the spring-forward day), never the nominal hour the clock
 * skips, which EventBridge Scheduler may never fire (it skips such times in cron expressions).
 */
export const sendLocalTime = (date: string, cal: SendCalendar): string => localDateTimeOf(sendInstant(date, cal), cal.timeZone);

/**
 * The first instant at or after `instant` when a message may go out: `instant` itself on a send day
 * from the send hour on, else the send hour of that day (earlier) or of the next send day. A retry
 * after a failed send keeps to the tenant's calendar (never a Saturday 07:15 for a Friday failure).
 */
export const sendSlotAtOrAfter = (instant: Date, cal: SendCalendar): Date => {
  const { date } = utcToZoned(instant, cal.timeZone);
  if (isSendDay(date, cal)) {
    const opening = sendInstant(date, cal);
    return instant >= opening ? instant : opening;
  }
  return sendInstant(nextSendDay(addDays(date, 1), cal), cal);
};
