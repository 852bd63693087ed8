/**
 * The invoice's one-reminder-a-day slot (issue 8 invariant 3: at most one reminder per invoice per day, in the
 * tenant's time zone) counted in the tenant's time zone **of now**. The invoice keeps its last reminder's instant
 * (`lastReminderAt`) and its local date in the zone of the day it went (`lastReminderDay`). After a change of time
 * zone that date said another day than the instant in the new zone: moving east (Paris → Nouméa), a reminder of the
 * Paris evening (the next Nouméa morning) and a forced or gap-free one later that Nouméa day both went; moving west
 * (Paris → Tahiti), a step waited one day more. Every reader (the send path's decision and its claim's conditional
 * write, manual, client and batch reminders, the dry run) now dates the instant in the current zone. An item holding a
 * day only (`lastReminderDay` alone, or a day string in `lastReminderAt`) is read at face value, as before.
 * The same approach as the client's gap (client-gap.ts).
 */
import { DAY_LENGTH } from './client-gap.js';
import { ISO_DATE, localDate } from './dates.js';
import { startOfLocalDay } from './zoned-time.js';

/** What the invoice item stores about its last reminder. */
export interface StoredLastReminder {
  readonly lastReminderAt?: string;
  readonly lastReminderDay?: string;
}

/** The slot a send on `today` (in the tenant's zone of now) claims: free when the last reminder went before `dayStart`. */
export interface ReminderSlot {
  readonly today: string;
  /** The first instant of `today` in the tenant's zone of now (ISO). */
  readonly dayStart: string;
}

const isDay = (value: string | undefined): value is string => value !== undefined && ISO_DATE.test(value);

/** The local date, in `timeZone` (the tenant's of now), of the invoice's last reminder; a day-only item gives that day. */
export const lastReminderDayIn = (stored: StoredLastReminder, timeZone: string): string | undefined => {
  const at = stored.lastReminderAt;
  if (at !== undefined && at.length > DAY_LENGTH) {
    const instant = new Date(at);
    if (!Number.isNaN(instant.getTime())) return localDate(instant, timeZone);
  }
  return [at, stored.lastReminderDay].filter(isDay).sort().at(-1);
};

/** The invoice already had its reminder on `today` (or, the clock gone back, later) in `timeZone`. */
export const remindedOn = (stored: StoredLastReminder, today: string, timeZone: string): boolean => {
  const day = lastReminderDayIn(stored, timeZone);
  return day !== undefined && day >= today;
};

export const reminderSlot = (today: string, timeZone: string): ReminderSlot => ({ today, dayStart: startOfLocalDay(today, timeZone).toISOString() });

/**
 * The claim's condition (DynamoStepRecords `invoiceClaim`) as a function, for the in-memory repository and the tests:
 * an instant is compared with `dayStart` (ISO strings of one shape order as their instants); a day-only item by day,
 * at face value.
 */
export const slotFree = (stored: StoredLastReminder, slot: ReminderSlot): boolean => {
  const at = stored.lastReminderAt;
  if (at !== undefined && at.length > DAY_LENGTH) return at < slot.dayStart;
  return (at === undefined || at < slot.today) && (stored.lastReminderDay === undefined || stored.lastReminderDay < slot.today);
};
