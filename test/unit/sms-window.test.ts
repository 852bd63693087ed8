import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { weekday } from '../../shared/domain/dates.js';
import { isPublicHoliday } from '../../shared/domain/holidays.js';
import { planReminders } from '../../shared/domain/reminder-plan.js';
import { planNewSteps } from '../../shared/domain/reminder-steps.js';
import { isInSmsWindow, nextSmsSlot } from '../../shared/domain/sms-window.js';
import { localDateTimeOf, utcToZoned } from '../../shared/domain/zoned-time.js';
import { anInvoice, aStep, parisCalendar, parisTime } from '../fixtures/plan-fixtures.js';

const local = (d: Date) => localDateTimeOf(d, 'Europe/Paris');
const everyDay = parisCalendar({ skipWeekends: false, skipHolidays: false });

describe('nextSmsSlot (08:00–20:00 tenant time, never Sundays or public holidays)', () => {
  it('keeps a time inside the window', () => {
    expect(local(nextSmsSlot(parisTime('2026-12-01T09:00'), parisCalendar()))).toBe('2026-12-01T09:00:00');
    expect(local(nextSmsSlot(parisTime('2026-12-01T19:59'), parisCalendar()))).toBe('2026-12-01T19:59:00');
  });

  it('moves a night-time text to 08:00: the same morning when early, the next morning when late', () => {
    expect(local(nextSmsSlot(parisTime('2026-12-01T06:30'), parisCalendar()))).toBe('2026-12-01T08:00:00');
    expect(local(nextSmsSlot(parisTime('2026-12-01T20:00'), parisCalendar()))).toBe('2026-12-02T08:00:00');
    expect(local(nextSmsSlot(parisTime('2026-12-01T23:15'), parisCalendar()))).toBe('2026-12-02T08:00:00');
  });

  it('never sends on a Sunday, even when the tenant sends on weekends', () => {
    // 2026-12-06 is a Sunday; Saturday stays allowed for a tenant who works weekends.
    expect(local(nextSmsSlot(parisTime('2026-12-06T10:00'), everyDay))).toBe('2026-12-07T10:00:00');
    expect(local(nextSmsSlot(parisTime('2026-12-05T10:00'), everyDay))).toBe('2026-12-05T10:00:00');
    expect(local(nextSmsSlot(parisTime('2026-12-05T21:00'), everyDay))).toBe('2026-12-07T08:00:00');
  });

  it('never sends on a public holiday, even when the tenant ignores holidays', () => {
    // Christmas 2026 is a Friday; 26 Dec is a holiday in Alsace-Moselle only.
    expect(local(nextSmsSlot(parisTime('2026-12-25T09:00'), everyDay))).toBe('2026-12-26T09:00:00');
    expect(local(nextSmsSlot(parisTime('2026-12-25T09:00'), { ...everyDay, region: 'alsace-moselle' }))).toBe('2026-12-28T09:00:00');
    expect(local(nextSmsSlot(parisTime('2026-12-25T09:00'), parisCalendar()))).toBe('2026-12-28T09:00:00');
    // Ascension 2026 (Thursday 14 May).
    expect(local(nextSmsSlot(parisTime('2026-05-14T12:00'), everyDay))).toBe('2026-05-15T12:00:00');
  });

  it('always lands inside the window, never earlier than asked, and is stable', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }), fc.boolean(), (at, weekends) => {
        const calendar = parisCalendar({ skipWeekends: !weekends, skipHolidays: false });
        const slot = nextSmsSlot(at, calendar);
        const { date, time } = utcToZoned(slot, 'Europe/Paris');
        expect(slot.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(time >= '08:00:00' && time < '20:00:00').toBe(true);
        expect(weekday(date)).not.toBe(0);
        expect(isPublicHoliday(date, 'metropole')).toBe(false);
        expect(isInSmsWindow(slot, calendar)).toBe(true);
        expect(nextSmsSlot(slot, calendar).getTime()).toBe(slot.getTime());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('planning an sms step', () => {
  const scenario = {
    id: 's',
    name: 's',
    steps: [aStep({ id: 'mail', offsetDays: 1, templateId: 'reminder' }), aStep({ id: 'texto', offsetDays: 5, templateId: 'sms-reminder', channel: 'sms' as const })],
  };

  it('moves a text planned at the tenant’s 21:00 send hour to 08:00 the next allowed morning, at planning time', () => {
    // Due Thu 2026-03-12: J+1 Fri 13 at 21:00 (email keeps it), J+5 Tue 17 → the text goes Wed 18 at 08:00.
    const plan = planReminders({ invoice: anInvoice(), scenario, calendar: parisCalendar({ sendHour: 21 }), history: [], now: parisTime('2026-03-01T10:00') });
    expect(plan.map((s) => [s.stepId, s.channel ?? 'email', local(new Date(s.scheduledAt!))])).toEqual([
      ['mail', 'email', '2026-03-13T21:00:00'],
      ['texto', 'sms', '2026-03-18T08:00:00'],
    ]);
  });

  it('moves a text off a Sunday and a holiday for a tenant who sends every day, and records its channel', () => {
    // Due Fri 2026-05-08 (a holiday): J+1 Sat 9 May email; the J+2 text would fall on Sunday 10 May → Monday 11.
    const weekend = { ...scenario, steps: [aStep({ id: 'mail', offsetDays: 1 }), aStep({ id: 'texto', offsetDays: 2, templateId: 'sms-reminder', channel: 'sms' as const })] };
    const steps = planNewSteps(
      { scenario: weekend, dueDate: '2026-05-08', calendar: everyDay, now: parisTime('2026-05-01T10:00'), minGapDays: 0, graceDaysAfterPayment: 3 },
      1,
      [],
    );
    expect(steps.map((s) => [s.stepId, s.channel ?? 'email', s.localTime])).toEqual([
      ['mail', 'email', '2026-05-09T09:00:00'],
      ['texto', 'sms', '2026-05-11T09:00:00'],
    ]);
  });
});
