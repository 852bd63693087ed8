/**
 * The client's minimum gap (invariant 4: never two messages to one client within `minGapDays`) counted in the
 * tenant's time zone of now. The client item keeps the last message's instant (`lastMessageAt`) and its local date
 * in the zone of the day it went (`lastMessageDate`). After a change of time zone those dates disagreed: the planner
 * dated the instant in the new zone, the send path and its claim compared the stored date (Paris → Tahiti sent a day
 * later than planned, Paris → Nouméa let a message through a day early). Every reader (the planner, the send path's
 * decision and its claim's conditional write, manual sends, the dry run) now dates the instant in the current zone.
 * An item holding a day only (a day string in `lastMessageAt`, or `lastMessageDate` alone) is read at face value,
 * as that day in the current zone, as before.
 */
import { addDays, ISO_DATE, localDate } from './dates.js';
import { startOfLocalDay } from './zoned-time.js';

/** What the client item stores about its last message. */
export interface StoredLastMessage {
  readonly lastMessageAt?: string;
  readonly lastMessageDate?: string;
}

/** `YYYY-MM-DD`: a stored value this long or shorter is a day (or the claim's `''` "none" marker), longer an instant. */
export const DAY_LENGTH = 10;

const isDay = (value: string | undefined): value is string => value !== undefined && ISO_DATE.test(value);

/**
 * The client's last message as the gap reads it: its local date in `timeZone` (today's zone of the tenant) and its
 * instant. A day-only item gives that day and its first instant in `timeZone`. Undefined: no message (or the `''` marker).
 */
export const lastMessageIn = (stored: StoredLastMessage, timeZone: string): { date: string; at: string } | undefined => {
  const at = stored.lastMessageAt;
  if (at !== undefined && at.length > DAY_LENGTH) {
    const instant = new Date(at);
    if (!Number.isNaN(instant.getTime())) return { date: localDate(instant, timeZone), at };
  }
  const day = [at, stored.lastMessageDate].filter(isDay).sort().at(-1);
  return day ? { date: day, at: startOfLocalDay(day, timeZone).toISOString() } : undefined;
};

/**
 * A send on `today` (in `timeZone`) needs the client's last message on `latestAllowedDate` or before, i.e. before
 * `allowedBefore` (the first instant of the day after, in the same zone): the claim's condition compares the stored
 * instant with it, so it holds whichever zone the last message went in.
 */
export interface GapWindow {
  readonly latestAllowedDate: string;
  readonly allowedBefore: string;
}

export const gapWindow = (today: string, minGapDays: number, timeZone: string): GapWindow => {
  const latestAllowedDate = addDays(today, -minGapDays);
  return { latestAllowedDate, allowedBefore: startOfLocalDay(addDays(latestAllowedDate, 1), timeZone).toISOString() };
};

/**
 * The claim's condition (DynamoStepRecords `gapClaim`) as a function, for the in-memory repository and the tests:
 * an instant is compared with `allowedBefore` (ISO strings of one shape order as their instants); a day-only item
 * (or the `''` marker) with `latestAllowedDate`, at face value.
 */
export const gapAllows = (stored: StoredLastMessage, window: GapWindow): boolean => {
  const at = stored.lastMessageAt;
  if (at !== undefined && at.length > DAY_LENGTH) return at < window.allowedBefore;
  return (at === undefined || at <= window.latestAllowedDate) && (stored.lastMessageDate === undefined || stored.lastMessageDate <= window.latestAllowedDate);
};
