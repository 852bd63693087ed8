/**
 * Converts a wall-clock time in an IANA time zone to a UTC instant, as EventBridge Scheduler
 * does for `at(yyyy-mm-ddThh:mm:ss)` with `ScheduleExpressionTimezone`.
 *
 * DST: a wall time that does not exist (spring forward, 02:30 in Paris on the last Sunday of
 * March) is moved forward by the gap (→ 03:30 local); a wall time that exists twice (fall back)
 * resolves to the earlier instant. This is the "compatible" rule of Temporal and of most
 * schedulers; AWS does not document its own choice, so reminder planning should avoid 02:00–03:00.
 */
const AT_EXPRESSION = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;
const DAY_MS = 86_400_000;

export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** Parses `at(2026-03-29T09:00:00)`; undefined when the expression is not a valid at(). */
export const parseAtExpression = (expression: string): WallTime | undefined => {
  const match = AT_EXPRESSION.exec(expression);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = { year, month, day, hour, minute, second };
  // Date.UTC silently rolls 2026-02-30 over to March: round-trip to reject impossible dates.
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid =
    probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day &&
    probe.getUTCHours() === hour && probe.getUTCMinutes() === minute && probe.getUTCSeconds() === second;
  return valid ? wall : undefined;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for an unknown time zone. */
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

export const isValidTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** The wall time shown in `timeZone` at `instantMs`, as if it were UTC (ms). */
const wallClockMs = (instantMs: number, timeZone: string): number => {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(instantMs)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
};

/** UTC offset of `timeZone` at `instantMs`, in ms (Paris in summer: +7_200_000). */
const offsetAt = (instantMs: number, timeZone: string): number =>
  wallClockMs(Math.floor(instantMs / 1000) * 1000, timeZone) - Math.floor(instantMs / 1000) * 1000;

export const zonedWallTimeToUtc = (wall: WallTime, timeZone = 'UTC'): Date => {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // At most one transition lies within a day of any wall time: the offsets either side bound it.
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const valid = [...new Set([asUtc - before, asUtc - after])]
    .filter((candidate) => wallClockMs(candidate, timeZone) === asUtc)
    .sort((a, b) => a - b);
  // No candidate: the wall time falls in a gap; the pre-transition offset moves it forward by the gap.
  return new Date(valid[0] ?? asUtc - before);
};

/** `at(…)` + time zone → UTC instant; undefined when the expression is not a valid at(). */
export const atExpressionToUtc = (expression: string, timeZone = 'UTC'): Date | undefined => {
  const wall = parseAtExpression(expression);
  return wall ? zonedWallTimeToUtc(wall, timeZone) : undefined;
};

/**
 * EventBridge Scheduler `cron(minutes hours day-of-month month day-of-week year)`. The emulator
 * supports numbers, names (JAN–DEC, SUN–SAT; day-of-week 1 = Sunday), `*`, `?`, ranges, lists and
 * steps (`*\/15`, `5/10`), and AWS's rule that one of day-of-month and day-of-week is `?`;
 * `L`, `W` and `#` are refused.
 */
export interface CronSpec {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  /** undefined = `?` or `*`: any. */
  readonly daysOfMonth?: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** 1 = Sunday … 7 = Saturday; undefined = any. */
  readonly daysOfWeek?: ReadonlySet<number>;
  readonly years?: ReadonlySet<number>;
}

const CRON_EXPRESSION = /^cron\((.+)\)$/;
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const cronField = (text: string, min: number, max: number, names: readonly string[] = [], nameBase = 1): Set<number> | 'any' | undefined => {
  if (text === '?' || text === '*') return 'any';
  const value = (token: string): number | undefined => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named + nameBase : /^\d+$/.test(token) ? Number(token) : NaN;
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : /^\d+$/.test(stepText) && Number(stepText) > 0 ? Number(stepText) : undefined;
    if (step === undefined) return undefined;
    let from: number | undefined;
    let to: number | undefined;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) [from, to] = range.split('-').map(value) as [number | undefined, number | undefined];
    else [from, to] = [value(range), stepText === undefined ? value(range) : max];
    if (from === undefined || to === undefined || from > to) return undefined;
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
};

/** Parses `cron(0 7 * * ? *)`; undefined when it is not a cron() the emulator supports. */
export const parseCronExpression = (expression: string): CronSpec | undefined => {
  const match = CRON_EXPRESSION.exec(expression.trim());
  const fields = match?.[1]!.trim().split(/\s+/);
  if (!fields || fields.length !== 6) return undefined;
  const [mi, h, dom, mon, dow, y] = fields as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) return undefined; // exactly one of them is `?`
  const minutes = cronField(mi, 0, 59);
  const hours = cronField(h, 0, 23);
  const daysOfMonth = cronField(dom, 1, 31);
  const months = cronField(mon, 1, 12, MONTH_NAMES);
  const daysOfWeek = cronField(dow, 1, 7, DAY_NAMES);
  const years = cronField(y, 1970, 2199);
  if (!minutes || !hours || !daysOfMonth || !months || !daysOfWeek || !years) return undefined;
  const all = (min: number, max: number) => new Set(Array.from({ length: max - min + 1 }, (_, i) => min + i));
  return {
    minutes: minutes === 'any' ? all(0, 59) : minutes,
    hours: hours === 'any' ? all(0, 23) : hours,
    ...(daysOfMonth === 'any' ? {} : { daysOfMonth }),
    months: months === 'any' ? all(1, 12) : months,
    ...(daysOfWeek === 'any' ? {} : { daysOfWeek }),
    ...(years === 'any' ? {} : { years }),
  };
};

/** How far ahead an occurrence is looked for (a cron naming only a past year has none). */
const CRON_HORIZON_DAYS = 5 * 366;

/**
 * The first occurrence of `spec` strictly after `after`, wall times read in `timeZone` (a wall
 * time in a DST gap moves forward like at(); undefined when none within five years.
 */
export const nextCronOccurrence = (spec: CronSpec, after: Date, timeZone = 'UTC'): Date | undefined => {
  const start = wallClockMs(after.getTime() - DAY_MS, timeZone);
  const hours = [...spec.hours].sort((a, b) => a - b);
  const minutes = [...spec.minutes].sort((a, b) => a - b);
  for (let d = 0; d < CRON_HORIZON_DAYS; d++) {
    const day = new Date(start + d * DAY_MS);
    const [year, month, date, weekday] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), day.getUTCDay() + 1];
    if (!spec.months.has(month) || (spec.years && !spec.years.has(year))) continue;
    if (spec.daysOfMonth && !spec.daysOfMonth.has(date)) continue;
    if (spec.daysOfWeek && !spec.daysOfWeek.has(weekday)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const instant = zonedWallTimeToUtc({ year, month, day: date, hour, minute, second: 0 }, timeZone);
        if (instant.getTime() > after.getTime()) return instant;
      }
    }
  }
  return undefined;
};
