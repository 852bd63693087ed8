import { addDays } from './dates.js';

/** Alsace-Moselle keeps two extra public holidays from the local law (droit local). */
export type HolidayRegion = 'metropole' | 'alsace-moselle';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export const easterSunday = (year: number): string => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
};

/** Public holidays of C. trav. L3133-1 (plus the Alsace-Moselle extras), sorted, `YYYY-MM-DD`. */
export const frenchPublicHolidays = (year: number, region: HolidayRegion): string[] => {
  const y = String(year).padStart(4, '0');
  const easter = easterSunday(year);
  const days = [
    `${y}-01-01`,
    addDays(easter, 1), // Easter Monday
    `${y}-05-01`,
    `${y}-05-08`,
    addDays(easter, 39), // Ascension Thursday
    addDays(easter, 50), // Whit Monday
    `${y}-07-14`,
    `${y}-08-15`,
    `${y}-11-01`,
    `${y}-11-11`,
    `${y}-12-25`,
  ];
  if (region === 'alsace-moselle') days.push(addDays(easter, -2), `${y}-12-26`); // Good Friday, St Stephen
  return [...new Set(days)].sort();
};

const cache = new Map<string, ReadonlySet<string>>();

export const isPublicHoliday = (date: string, region: HolidayRegion): boolean => {
  const year = Number(date.slice(0, 4));
  const key = `${year}:${region}`;
  let set = cache.get(key);
  if (!set) {
    set = new Set(frenchPublicHolidays(year, region));
    cache.set(key, set);
  }
  return set.has(date);
};

/** Moselle (57), Bas-Rhin (67) and Haut-Rhin (68); anything else, or nothing, is metropole. */
export const regionForPostalCode = (postalCode?: string): HolidayRegion => {
  const prefix = (postalCode ?? '').replace(/\s+/g, '').slice(0, 2);
  return prefix === '57' || prefix === '67' || prefix === '68' ? 'alsace-moselle' : 'metropole';
};
