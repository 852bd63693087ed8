/** Business dates are `YYYY-MM-DD` strings; arithmetic is done on UTC midnights so DST never shifts a day. */
const DAY_MS = 86_400_000;

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const isValidDate = (value: string): boolean => {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

export const dateToUtcMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);

export const addDays = (date: string, days: number): string =>
  new Date(dateToUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string): number => Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);

/** The calendar date of an instant in a time zone. */
export const localDate = (instant: Date, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    instant,
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
};

/** The day of the week of a business date, 0 = Sunday … 6 = Saturday. */
export const weekday = (date: string): number => new Date(dateToUtcMs(date)).getUTCDay();

export const isValidTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
};

/**
 * A valid zone as IANA spells it: `europe/paris` (Intl reads zone names case-insensitively) is kept
 * as `Europe/Paris`, the canonical name every reader expects (EventBridge Scheduler's ScheduleExpressionTimezone among them). A name Intl maps
 * to another one (`Asia/Kolkata` → `Asia/Calcutta`, a link) is kept as typed.
 */
export const canonicalTimeZoneCase = (timeZone: string): string => {
  const resolved = new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === timeZone.toLowerCase() ? resolved : timeZone;
};
