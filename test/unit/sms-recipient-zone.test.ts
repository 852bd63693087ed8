/**
 * A text keeps to 08:00–20:00 where the phone is, not only in the tenant's zone: a Paris artisan's
 * 09:00 text to a Guadeloupe mobile (+590 690…) arrived at 04:00 there. The tenant's window still
 * holds (issue 10: tenant time), so the text goes when both are open; where they never meet (Tahiti
 * while Paris is on summer time) the recipient's night wins.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { weekday } from '../../shared/domain/dates.js';
import { isPublicHoliday } from '../../shared/domain/holidays.js';
import { isInSmsWindow, nextSmsSlot, smsRecipientZone } from '../../shared/domain/sms-window.js';
import { sendCalendarFor } from '../../shared/app/reminders/reminder-context.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { localDateTimeOf, utcToZoned, zoneOffsetMs } from '../../shared/domain/zoned-time.js';
import { parisCalendar, parisTime } from '../fixtures/plan-fixtures.js';

const at = (d: Date, tz: string) => localDateTimeOf(d, tz);
const to = (phone: string, region = 'metropole' as const) => ({ ...parisCalendar(), ...smsRecipientZone(phone, 'Europe/Paris', region) });

describe('the recipient’s zone of a text', () => {
  it('knows the French overseas numbers, and none of the same zone or abroad', () => {
    expect(smsRecipientZone('+590690123456', 'Europe/Paris', 'metropole')).toEqual({ recipientTimeZone: 'America/Guadeloupe', recipientRegion: 'guadeloupe' });
    expect(smsRecipientZone('+596696123456', 'Europe/Paris', 'metropole')).toEqual({ recipientTimeZone: 'America/Martinique', recipientRegion: 'martinique' });
    expect(smsRecipientZone('+594694123456', 'Europe/Paris', 'metropole')).toEqual({ recipientTimeZone: 'America/Cayenne', recipientRegion: 'guyane' });
    expect(smsRecipientZone('+262692123456', 'Europe/Paris', 'metropole')).toEqual({ recipientTimeZone: 'Indian/Reunion', recipientRegion: 'reunion' });
    expect(smsRecipientZone('+262639123456', 'Europe/Paris', 'metropole')).toEqual({ recipientTimeZone: 'Indian/Mayotte', recipientRegion: 'mayotte' });
    expect(smsRecipientZone('+687751234', 'Europe/Paris', 'metropole')).toMatchObject({ recipientTimeZone: 'Pacific/Noumea' });
    expect(smsRecipientZone('+33612345678', 'Europe/Paris', 'metropole')).toEqual({});
    // An overseas mobile typed in its national form behind +33 (0696…): still in Martinique.
    expect(smsRecipientZone('+33696123456', 'Europe/Paris', 'metropole')).toEqual({ recipientTimeZone: 'America/Martinique', recipientRegion: 'martinique' });
    expect(smsRecipientZone('+33696123456', 'America/Martinique', 'martinique')).toEqual({});
    expect(smsRecipientZone('+33639123456', 'Europe/Paris', 'metropole')).toEqual({ recipientTimeZone: 'Indian/Mayotte', recipientRegion: 'mayotte' });
    expect(smsRecipientZone('+33612345678', 'America/Martinique', 'martinique')).toEqual({ recipientTimeZone: 'Europe/Paris', recipientRegion: 'metropole' });
    expect(smsRecipientZone('+32470123456', 'Europe/Paris', 'metropole')).toEqual({});
    expect(smsRecipientZone(undefined, 'Europe/Paris', 'metropole')).toEqual({});
  });

  it('comes from the number the text goes to (a billing contact’s mobile first)', () => {
    const client = { id: 'c', name: 'C', kind: 'business', email: 'c@x.test', ccEmails: [], phone: '+33612345678', contacts: [{ name: 'Compta', role: 'billing', phone: '+590690123456' }], language: 'fr', remindersEnabled: true, tags: [], createdAt: '', updatedAt: '' } as any;
    expect(sendCalendarFor(defaultSettings(), client)).toMatchObject({ timeZone: 'Europe/Paris', recipientTimeZone: 'America/Guadeloupe' });
  });
});

describe('nextSmsSlot for a phone in another zone', () => {
  it('never texts a Guadeloupe mobile at night there: 09:00 Paris waits for 08:00 in Pointe-à-Pitre (13:00 Paris)', () => {
    const gp = to('+590690123456');
    expect(isInSmsWindow(parisTime('2026-12-01T09:00'), gp)).toBe(false);
    expect(at(nextSmsSlot(parisTime('2026-12-01T09:00'), gp), 'Europe/Paris')).toBe('2026-12-01T13:00:00');
    expect(at(nextSmsSlot(parisTime('2026-12-01T19:59'), gp), 'Europe/Paris')).toBe('2026-12-01T19:59:00');
    // 20:01 Paris: closed in Paris, the next morning there is still night in Guadeloupe.
    expect(at(nextSmsSlot(parisTime('2026-12-01T20:01'), gp), 'Europe/Paris')).toBe('2026-12-02T13:00:00');
  });

  it('never texts Réunion after 20:00 there (17:00 Paris in winter)', () => {
    const re = to('+262692123456');
    expect(isInSmsWindow(parisTime('2026-12-01T18:00'), re)).toBe(false);
    expect(at(nextSmsSlot(parisTime('2026-12-01T18:00'), re), 'Indian/Reunion')).toBe('2026-12-02T11:00:00');
  });

  it('keeps to the recipient’s Sundays and holidays: 27 May is Guadeloupe’s abolition day', () => {
    const gp = to('+590690123456');
    const slot = nextSmsSlot(parisTime('2027-05-27T14:00'), gp);
    expect(utcToZoned(slot, 'America/Guadeloupe').date).toBe('2027-05-28');
  });

  it('keeps to New Caledonia’s 24 September and French Polynesia’s 5 March for a Paris tenant’s text to +687 / +689', () => {
    expect(smsRecipientZone('+687751234', 'Europe/Paris', 'metropole')).toEqual({ recipientTimeZone: 'Pacific/Noumea', recipientRegion: 'nouvelle-caledonie' });
    expect(smsRecipientZone('+68987123456', 'Europe/Paris', 'metropole')).toEqual({ recipientTimeZone: 'Pacific/Tahiti', recipientRegion: 'polynesie-francaise' });
    // Thursday 23 Sep 2027 20:00 Paris = Friday 24 Sep 05:00 Nouméa: the next slot there is Monday 27 Sep 08:00.
    const nc = nextSmsSlot(parisTime('2027-09-23T20:00'), to('+687751234'));
    expect(utcToZoned(nc, 'Pacific/Noumea').date).toBe('2027-09-27');
    // Friday 5 Mar 2027 in Tahiti: the slot is Saturday 6 Mar there (texts go on Saturdays when weekends are not skipped for them).
    const pf = nextSmsSlot(parisTime('2027-03-05T20:00'), to('+68987123456'));
    expect(utcToZoned(pf, 'Pacific/Tahiti').date > '2027-03-05').toBe(true);
  });

  it('lets the recipient’s night win where the windows never meet (Tahiti, Paris on summer time)', () => {
    const pf = to('+68987123456');
    const slot = nextSmsSlot(parisTime('2026-07-01T09:00'), pf);
    const { time } = utcToZoned(slot, 'Pacific/Tahiti');
    expect(time >= '08:00:00' && time < '20:00:00').toBe(true);
    expect(isInSmsWindow(slot, pf)).toBe(true);
  });

  it('always lands in both windows when they meet, never earlier than asked, and is stable', () => {
    const phones = ['+590690123456', '+596696123456', '+594694123456', '+262692123456', '+262639123456', '+687751234', '+50855123456', '+68987123456'];
    fc.assert(
      fc.property(fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...phones), fc.boolean(), (instant, phone, weekends) => {
        const calendar = { ...to(phone), skipWeekends: !weekends };
        const slot = nextSmsSlot(instant, calendar);
        expect(slot.getTime()).toBeGreaterThanOrEqual(instant.getTime());
        const there = utcToZoned(slot, calendar.recipientTimeZone!);
        expect(there.time >= '08:00:00' && there.time < '20:00:00').toBe(true);
        expect(weekday(there.date)).not.toBe(0);
        expect(isPublicHoliday(there.date, calendar.recipientRegion!)).toBe(false);
        const apart = Math.abs(zoneOffsetMs(slot, 'Europe/Paris') - zoneOffsetMs(slot, calendar.recipientTimeZone!));
        const paris = utcToZoned(slot, 'Europe/Paris');
        if (apart < 12 * 3_600_000) expect(paris.time >= '08:00:00' && paris.time < '20:00:00' && weekday(paris.date) !== 0).toBe(true);
        expect(isInSmsWindow(slot, calendar)).toBe(true);
        expect(nextSmsSlot(slot, calendar).getTime()).toBe(slot.getTime());
      }),
      { numRuns: 2000 },
    );
  });
});
