/**
 * When a reminder text may reach a phone (DOMAIN.md §4, the French operators' practice for
 * business SMS): 08:00–20:00 in the tenant's zone, never on a Sunday or a public holiday,
 * whatever the tenant's own calendar allows; on top of that the tenant's calendar (no Saturday
 * when it skips weekends). A phone in another zone (a Guadeloupe mobile of a Paris artisan) keeps to
 * its own 08:00–20:00, Sundays and holidays too. A text planned outside moves forward to the next allowed slot.
 */
import { addDays, weekday } from './dates.js';
import { isPublicHoliday, type HolidayRegion } from './holidays.js';
import { isSendDay, type SendCalendar } from './send-calendar.js';
import { utcToZoned, zonedToUtc, zoneOffsetMs } from './zoned-time.js';

/** First allowed local time of a day, and the first one no longer allowed (exclusive). */
export const SMS_WINDOW = { from: '08:00:00', until: '20:00:00' } as const;

/** A day a text may go out: the tenant's send day, never Sunday, never a public holiday. */
export const isSmsDay = (date: string, calendar: SendCalendar): boolean =>
  weekday(date) !== 0 && !isPublicHoliday(date, calendar.region) && isSendDay(date, calendar);

/** The tenant's side of the window: 08:00–20:00 in its zone, on an sms day of its calendar. */
const inTenantWindow = (instant: Date, calendar: SendCalendar): boolean => {
  const { date, time } = utcToZoned(instant, calendar.timeZone);
  return isSmsDay(date, calendar) && time >= SMS_WINDOW.from && time < SMS_WINDOW.until;
};

/** The recipient's side: 08:00–20:00 where the phone is, never on its Sunday or public holiday. */
const recipientDay = (date: string, region: HolidayRegion): boolean => weekday(date) !== 0 && !isPublicHoliday(date, region);
const inRecipientWindow = (instant: Date, zone: string, region: HolidayRegion): boolean => {
  const { date, time } = utcToZoned(instant, zone);
  return recipientDay(date, region) && time >= SMS_WINDOW.from && time < SMS_WINDOW.until;
};

/** Whether 08:00–20:00 in both zones can meet at all (not when they are 12 hours apart or more: Tahiti and Paris in summer). */
const windowsMeet = (instant: Date, a: string, b: string): boolean => Math.abs(zoneOffsetMs(instant, a) - zoneOffsetMs(instant, b)) < 12 * 3_600_000;

export const isInSmsWindow = (instant: Date, calendar: SendCalendar): boolean => {
  const zone = calendar.recipientTimeZone;
  if (!zone) return inTenantWindow(instant, calendar);
  const there = inRecipientWindow(instant, zone, calendar.recipientRegion ?? calendar.region);
  return windowsMeet(instant, calendar.timeZone, zone) ? there && inTenantWindow(instant, calendar) : there;
};

/** The next slot of one zone's window at or after `instant` (same local time on the next allowed day). */
const nextSlotIn = (instant: Date, timeZone: string, allowedDay: (date: string) => boolean): Date => {
  let { date, time } = utcToZoned(instant, timeZone);
  if (allowedDay(date) && time >= SMS_WINDOW.from && time < SMS_WINDOW.until) return instant;
  if (time >= SMS_WINDOW.until) {
    date = addDays(date, 1);
    time = SMS_WINDOW.from;
  } else if (time < SMS_WINDOW.from) time = SMS_WINDOW.from;
  // Sundays, holidays and the tenant's days off never run past a few days; the bound keeps it total.
  for (let i = 0; i < 31 && !allowedDay(date); i++) date = addDays(date, 1);
  return zonedToUtc(`${date}T${time}`, timeZone);
};

/**
 * `instant` itself when a text may go out then; otherwise the next allowed slot: 08:00 the same
 * day when it is too early, 08:00 the next day when it is too late, and on a Sunday or a holiday
 * the same local time (kept inside the window) on the next allowed day. A phone in another zone
 * (`recipientTimeZone`) must be in its own window too: the later of both sides' next slots, until
 * both are open (or the recipient's alone where the two never meet).
 */
export const nextSmsSlot = (instant: Date, calendar: SendCalendar): Date => {
  const tenantSlot = (at: Date) => nextSlotIn(at, calendar.timeZone, (date) => isSmsDay(date, calendar));
  const zone = calendar.recipientTimeZone;
  if (!zone) return tenantSlot(instant);
  const region = calendar.recipientRegion ?? calendar.region;
  let at = instant;
  for (let i = 0; i < 62 && !isInSmsWindow(at, calendar); i++) {
    const there = nextSlotIn(at, zone, (date) => recipientDay(date, region));
    if (!windowsMeet(at, calendar.timeZone, zone)) at = there;
    else {
      const here = tenantSlot(at);
      at = here > there ? here : there;
    }
  }
  return at;
};

/**
 * Where the phone of a text is, when it is a French number in another zone than the tenant's
 * (overseas: +590 Guadeloupe, Saint-Martin and Saint-Barthélemy, +596, +594, +262 Réunion and
 * Mayotte's 639 mobiles, +508, +681, +687, +689; +33 for a tenant overseas). Other countries are not judged.
 */
export const smsRecipientZone = (phone: string | undefined, tenantZone: string, region: HolidayRegion): { recipientTimeZone?: string; recipientRegion?: HolidayRegion } => {
  if (!phone) return {};
  const west = region === 'saint-martin' || region === 'saint-barthelemy' ? region : 'guadeloupe';
  const known: [string, string, HolidayRegion][] = [
    // An overseas mobile written as a +33 number (its national 069x / 0639 form): still where it is.
    ['+33690', 'America/Guadeloupe', west],
    ['+33691', 'America/Guadeloupe', west],
    ['+33694', 'America/Cayenne', 'guyane'],
    ['+33696', 'America/Martinique', 'martinique'],
    ['+33697', 'America/Martinique', 'martinique'],
    ['+33692', 'Indian/Reunion', 'reunion'],
    ['+33693', 'Indian/Reunion', 'reunion'],
    ['+33639', 'Indian/Mayotte', 'mayotte'],
    ['+33', 'Europe/Paris', region === 'alsace-moselle' ? region : 'metropole'],
    ['+590', 'America/Guadeloupe', west],
    ['+596', 'America/Martinique', 'martinique'],
    ['+594', 'America/Cayenne', 'guyane'],
    ['+262639', 'Indian/Mayotte', 'mayotte'],
    ['+262269', 'Indian/Mayotte', 'mayotte'],
    ['+262', 'Indian/Reunion', 'reunion'],
    ['+508', 'America/Miquelon', 'metropole'],
    ['+681', 'Pacific/Wallis', 'metropole'],
    ['+687', 'Pacific/Noumea', 'nouvelle-caledonie'],
    ['+689', 'Pacific/Tahiti', 'polynesie-francaise'],
  ];
  const found = known.find(([prefix]) => phone.startsWith(prefix));
  if (!found || found[1] === tenantZone) return {};
  return { recipientTimeZone: found[1], recipientRegion: found[2] };
};

/**
 * How long a text waits behind the client's email of the same day: one minute past it, inside the
 * re-planner's "imminent" window (IMMINENT_MS), so the wait is not re-planned to another day.
 */
export const EMAIL_FIRST_DELAY_MS = 60_000;
