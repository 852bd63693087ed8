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
