/**
 * Wall-clock time in an IANA zone ⇄ UTC instants, with Intl only (no library, no host zone).
 * The Scheduler's `at()` is wall-clock in a zone, while emails and history store instants:
 * every conversion goes through here so DST and month numbering are handled in one place.
 */
import { addDays } from './dates.js';

export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

const zonedFields = (instant: Date, timeZone: string): Fields => {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
};

const fieldsAsUtcMs = (f: Fields): number => {
  const d = new Date(0);
  // setUTCFullYear so years < 100 are not mapped to 19xx; month is 1-based here, 0-based in Date.
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  d.setUTCHours(f.hour, f.minute, f.second, 0);
  return d.getTime();
};

/** Offset of the zone from UTC at an instant, in ms (Paris in summer: +7 200 000). */
export const zoneOffsetMs = (instant: Date, timeZone: string): number => {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  return fieldsAsUtcMs(zonedFields(new Date(ms), timeZone)) - ms;
};

const parseLocal = (localDateTime: string): Fields => {
  const m = LOCAL_DATE_TIME.exec(localDateTime);
  if (!m) throw new RangeError(`Invalid local date-time: ${localDateTime}`);
  const [, y, mo, d, h, mi, s] = m;
  return { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s ?? 0) };
};

/**
 * The UTC instant of a wall-clock time in `timeZone`.
 * Spring gap (02:30 on the last Sunday of March in Paris does not exist): moves forward by the
 * gap, i.e. 03:30 CEST. Autumn overlap (02:30 happens twice): the first occurrence (CEST).
 */
export const zonedToUtc = (localDateTime: string, timeZone: string): Date => {
  const wall = fieldsAsUtcMs(parseLocal(localDateTime));
  // Offsets a day apart bracket any transition; DST-like shifts happen at most once a day.
  const before = zoneOffsetMs(new Date(wall - 86_400_000), timeZone);
  const after = zoneOffsetMs(new Date(wall + 86_400_000), timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((utc) => zoneOffsetMs(new Date(utc), timeZone) === wall - utc)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // Nonexistent wall time: read it with the offset in force before the gap, which lands after it.
  return new Date(wall - before);
};

const p2 = (n: number): string => String(n).padStart(2, '0');

/** Local calendar date and time (`HH:mm:ss`) of an instant in `timeZone`. */
export const utcToZoned = (instant: Date, timeZone: string): { date: string; time: string } => {
  const f = zonedFields(instant, timeZone);
  return {
    date: `${String(f.year).padStart(4, '0')}-${p2(f.month)}-${p2(f.day)}`,
    time: `${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}`,
  };
};

/** `YYYY-MM-DDTHH:mm:ss` in `timeZone`, the shape EventBridge Scheduler's `at()` expects. */
export const localDateTimeOf = (instant: Date, timeZone: string): string => {
  const { date, time } = utcToZoned(instant, timeZone);
  return `${date}T${time}`;
};

/** The first instant of a calendar day in `timeZone` (midnight, or the first hour after a midnight DST gap). */
export const startOfLocalDay = (date: string, timeZone: string): Date => zonedToUtc(`${date}T00:00`, timeZone);

/** The last millisecond of a calendar day in `timeZone`. */
export const endOfLocalDay = (date: string, timeZone: string): Date =>
  new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
