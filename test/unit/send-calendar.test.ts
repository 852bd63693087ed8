import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../shared/domain/dates.js';
import {
  DEFAULT_SEND_CALENDAR,
  isSendDay,
  nextSendDay,
  sendInstant,
  sendLocalTime,
  sendSlotAtOrAfter,
  type SendCalendar,
} from '../../shared/domain/send-calendar.js';
import { localDateTimeOf, utcToZoned, zonedToUtc } from '../../shared/domain/zoned-time.js';

const paris: SendCalendar = DEFAULT_SEND_CALENDAR;

describe('zonedToUtc', () => {
  it('sends 09:00 Paris at 07:00Z on 29 Mar 2026 (CEST) and 08:00Z the day before (CET)', () => {
    expect(zonedToUtc('2026-03-28T09:00:00', 'Europe/Paris').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(zonedToUtc('2026-03-29T09:00:00', 'Europe/Paris').toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('follows the 25 Oct 2026 change back to CET', () => {
    expect(zonedToUtc('2026-10-24T09:00:00', 'Europe/Paris').toISOString()).toBe('2026-10-24T07:00:00.000Z');
    expect(zonedToUtc('2026-10-25T09:00:00', 'Europe/Paris').toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it('moves a nonexistent spring-gap time forward (02:30 → 03:30 CEST)', () => {
    const instant = zonedToUtc('2026-03-29T02:30:00', 'Europe/Paris');
    expect(instant.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localDateTimeOf(instant, 'Europe/Paris')).toBe('2026-03-29T03:30:00');
  });

  it('takes the first occurrence of an ambiguous autumn time (02:30 CEST)', () => {
    expect(zonedToUtc('2026-10-25T02:30:00', 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedToUtc('2026-11-01T01:30:00', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('does not depend on the host time zone and accepts minutes without seconds', () => {
    expect(zonedToUtc('2026-01-15T09:00', 'UTC').toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(zonedToUtc('2026-01-15T09:00:00', 'Asia/Kolkata').toISOString()).toBe('2026-01-15T03:30:00.000Z');
  });

  it('rejects a malformed local date-time', () => {
    expect(() => zonedToUtc('2026-01-15 09:00', 'Europe/Paris')).toThrow(RangeError);
  });

  it('round-trips every wall-clock time that exists', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Pacific/Auckland', 'UTC'),
        (raw, zone) => {
          const instant = new Date(Math.floor(raw.getTime() / 1000) * 1000);
          const local = localDateTimeOf(instant, zone);
          const back = zonedToUtc(local, zone);
          // The instant is either recovered, or it was the second pass of an autumn hour.
          expect(localDateTimeOf(back, zone)).toBe(local);
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
        },
      ),
    );
  });
});

describe('utcToZoned', () => {
  it('gives the local date across midnight and New Year', () => {
    expect(utcToZoned(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris')).toEqual({ date: '2027-01-01', time: '00:30:00' });
  });

  it('never shifts the month by one (the classic at() bug), on every day of 2026', () => {
    for (let date = '2026-01-01'; date <= '2026-12-31'; date = addDays(date, 1)) {
      const local = localDateTimeOf(sendInstant(date, paris), 'Europe/Paris');
      expect(local).toBe(`${date}T09:00:00`);
    }
  });
});

describe('sendLocalTime (the wall time a schedule\'s at() names)', () => {
  // EventBridge Scheduler skips a cron time the spring change removes and does not document at(): a one-time
  // schedule naming 02:00 on the last Sunday of March could never fire, the step silently missed.
  it('names 03:00 for a 02:00 send on the spring-forward Sunday (28 Mar 2027, Paris), the instant the step is planned at', () => {
    const cal: SendCalendar = { ...paris, sendHour: 2, skipWeekends: false };
    expect(sendLocalTime('2027-03-28', cal)).toBe('2027-03-28T03:00:00');
    expect(sendInstant('2027-03-28', cal).toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(sendLocalTime('2027-03-27', cal)).toBe('2027-03-27T02:00:00');
  });

  it('always names a wall time that exists and stands for the send instant, every day and hour of 2027 and 2028, in Paris and overseas', () => {
    for (const timeZone of ['Europe/Paris', 'America/Cayenne', 'Pacific/Noumea', 'America/Miquelon']) {
      for (let date = '2027-01-01'; date <= '2028-12-31'; date = addDays(date, 1)) {
        for (const sendHour of [0, 1, 2, 3, 8, 9, 23]) {
          const cal: SendCalendar = { ...paris, timeZone, sendHour, skipWeekends: false };
          const local = sendLocalTime(date, cal);
          expect(localDateTimeOf(sendInstant(date, cal), timeZone), `${timeZone} ${date} ${sendHour}h`).toBe(local);
        }
      }
    }
  });
});

describe('isSendDay / nextSendDay', () => {
  it('skips weekends and holidays by default', () => {
    expect(isSendDay('2026-07-13', paris)).toBe(true); // Monday
    expect(isSendDay('2026-07-14', paris)).toBe(false); // Fête nationale
    expect(isSendDay('2026-07-18', paris)).toBe(false); // Saturday
  });

  it('moves the Tue 14 Jul 2026 send to Wed 15 Jul at 09:00 Paris', () => {
    const day = nextSendDay('2026-07-14', paris);
    expect(day).toBe('2026-07-15');
    expect(sendInstant(day, paris).toISOString()).toBe('2026-07-15T07:00:00.000Z');
  });

  it('moves a Saturday to Monday, or to Tuesday when Monday is a holiday', () => {
    expect(nextSendDay('2026-03-07', paris)).toBe('2026-03-09');
    expect(nextSendDay('2026-04-04', paris)).toBe('2026-04-07'); // Easter Monday 6 Apr
    expect(nextSendDay('2026-05-23', paris)).toBe('2026-05-26'); // Whit Monday 25 May
  });

  it('keeps a send day as is', () => {
    expect(nextSendDay('2026-07-15', paris)).toBe('2026-07-15');
  });

  it('uses Good Friday and 26 Dec only for Alsace-Moselle', () => {
    const alsace: SendCalendar = { ...paris, region: 'alsace-moselle' };
    expect(nextSendDay('2026-04-03', paris)).toBe('2026-04-03');
    expect(nextSendDay('2026-04-03', alsace)).toBe('2026-04-07');
    expect(nextSendDay('2025-12-26', alsace)).toBe('2025-12-29');
  });

  it('sends every day when weekends and holidays are not skipped', () => {
    const always: SendCalendar = { ...paris, skipWeekends: false, skipHolidays: false };
    expect(nextSendDay('2026-07-14', always)).toBe('2026-07-14');
    expect(nextSendDay('2026-07-18', always)).toBe('2026-07-18');
  });

  it('always lands on a send day within a week, never before the given date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), fc.boolean(), fc.boolean(), (n, skipWeekends, skipHolidays) => {
        const cal: SendCalendar = { ...paris, skipWeekends, skipHolidays };
        const date = addDays('2020-01-01', n);
        const next = nextSendDay(date, cal);
        expect(isSendDay(next, cal)).toBe(true);
        expect(next >= date && next <= addDays(date, 6)).toBe(true);
      }),
    );
  });
});

describe('sendInstant', () => {
  it('honours the send hour and zone', () => {
    expect(sendInstant('2026-01-15', { ...paris, sendHour: 14 }).toISOString()).toBe('2026-01-15T13:00:00.000Z');
    expect(sendInstant('2026-01-15', { ...paris, timeZone: 'America/Martinique' }).toISOString()).toBe(
      '2026-01-15T13:00:00.000Z',
    );
  });
});

describe('sendSlotAtOrAfter (when a failed send may be retried)', () => {
  const paris = DEFAULT_SEND_CALENDAR;
  it('keeps an instant on a send day from the send hour on', () => {
    expect(sendSlotAtOrAfter(new Date('2026-11-27T18:15:00Z'), paris).toISOString()).toBe('2026-11-27T18:15:00.000Z');
  });
  it('moves an instant before the send hour to the send hour of that day', () => {
    expect(sendSlotAtOrAfter(new Date('2026-11-30T06:15:00Z'), paris).toISOString()).toBe('2026-11-30T08:00:00.000Z');
  });
  it('moves a Saturday, or a holiday, to the next send day at the send hour', () => {
    expect(sendSlotAtOrAfter(new Date('2026-11-28T06:15:00Z'), paris).toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(sendSlotAtOrAfter(new Date('2026-12-25T10:00:00Z'), paris).toISOString()).toBe('2026-12-28T08:00:00.000Z');
  });
  it('reads the day in the tenant\'s zone: 20 December is a holiday in La Réunion', () => {
    const reunion = { ...paris, timeZone: 'Indian/Reunion', region: 'reunion' as const, skipWeekends: false };
    // 19 Dec 23:30 UTC is already 20 Dec 03:30 in Saint-Denis: the next send day is 21 Dec, 09:00 there (05:00 UTC).
    expect(sendSlotAtOrAfter(new Date('2026-12-19T23:30:00Z'), reunion).toISOString()).toBe('2026-12-21T05:00:00.000Z');
  });
});
