import { inject } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { isSendDay, nextSendDay, sendInstant, DEFAULT_SEND_CALENDAR } from '../../shared/domain/send-calendar.js';
import { startOfLocalDay } from '../../shared/domain/zoned-time.js';

export interface PendingSchedule {
  name: string;
  group: string;
  at: string;
  expression: string;
  timezone: string;
  input: { tenantId: string; invoiceId: string; stepId: string; scheduledAt: string };
}

export interface Fired {
  name: string;
  at: string;
  input: PendingSchedule['input'];
  result: { outcome: 'sent' | 'skipped' | 'failed'; reason?: string; stepId: string } | { error: string };
}

const local = async (method: string, path: string, body?: unknown): Promise<any> => {
  const res = await fetch(`${inject('apiUrl')}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.json();
};

/** Pending schedules of one invoice (the endpoint drains the stream first, so it reflects every write). */
export const schedulesOf = async (invoiceId: string): Promise<PendingSchedule[]> =>
  ((await local('GET', '/local/schedules')).items as PendingSchedule[]).filter((s) => s.input?.invoiceId === invoiceId);

/**
 * Fires every schedule of `tenant` due up to `until` on the simulated clock; returns those of one
 * invoice when `invoiceId` is given. Each test moves its own tenant's clock: test files run side
 * by side on one Scheduler emulator, and a jump of 80 days must not fire another file's schedules.
 */
export const runUntil = async (until: Date, scope: { tenant: string; invoiceId?: string }): Promise<Fired[]> => {
  const fired = (await local('POST', '/local/schedules/run', { until: until.toISOString(), tenantId: scope.tenant })).fired as Fired[];
  return scope.invoiceId ? fired.filter((f) => f.input?.invoiceId === scope.invoiceId) : fired;
};

export const parisToday = () => localDate(new Date(), 'Europe/Paris');

/**
 * A due date at least `days` ahead whose J-5 and J+1 both fall on Paris business days, so the
 * scenario's first two steps are not moved by a weekend or holiday (the tests stay valid on any date).
 */
export const dueDateAhead = (days: number): string => {
  let due = addDays(parisToday(), days);
  while (!isSendDay(addDays(due, -5), DEFAULT_SEND_CALENDAR) || !isSendDay(addDays(due, 1), DEFAULT_SEND_CALENDAR)) due = addDays(due, 1);
  return due;
};

/**
 * The Paris day a step missed now is caught up on: today when today is a send day and its send hour
 * (default 09:00) is still ahead, else the next send day (a Friday 10:00 catch-up goes on Monday).
 * Tests that run the clock "until the caught-up step went out" count from it, not from today, so
 * they hold whatever the day and hour the suite runs at.
 */
export const catchUpDay = (sendHour = DEFAULT_SEND_CALENDAR.sendHour, now = new Date()): string => {
  const calendar = { ...DEFAULT_SEND_CALENDAR, sendHour };
  const today = nextSendDay(localDate(now, 'Europe/Paris'), calendar);
  return sendInstant(today, calendar) > now ? today : nextSendDay(addDays(today, 1), calendar);
};

/**
 * The last minute of a Paris day, as an instant: 22:59 UTC in winter, 21:59 UTC in summer (a fixed 22:59 UTC
 * was 00:59 the next day from April to October, past a pause's resume at 00:00).
 */
export const endOfDay = (date: string) => new Date(startOfLocalDay(addDays(date, 1), 'Europe/Paris').getTime() - 60_000);

/** The local wall time of an instant in Paris: `{ date, hour, minute, weekday }`. */
export const inParis = (instant: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute), weekday: parts.weekday as string };
};
