import { addDays } from './dates.js';

/**
 * Alsace-Moselle keeps two extra public holidays from the local law (droit local); each overseas
 * département and collectivity adds the day it commemorates the abolition of slavery (loi 83-550,
 * décret 83-1003: Mayotte 27 April, Martinique 22 May, Guadeloupe 27 May, Saint-Martin 28 May,
 * Guyane 10 June, Saint-Barthélemy 9 October, La Réunion 20 December).
 * New Caledonia and French Polynesia have labour codes of their own: the national days plus, in New
 * Caledonia, 24 September (fête de la citoyenneté); in French Polynesia, 5 March (arrivée de
 * l'Évangile), Good Friday, and 20 November (Matāri'i i nia, by the loi du pays of May 2025, in place of
 * 29 June, the fête de l'autonomie, until 2024).
 */
export type HolidayRegion =
  | 'metropole'
  | 'alsace-moselle'
  | 'guadeloupe'
  | 'martinique'
  | 'guyane'
  | 'reunion'
  | 'mayotte'
  | 'saint-martin'
  | 'saint-barthelemy'
  | 'nouvelle-caledonie'
  | 'polynesie-francaise';
export const HOLIDAY_REGIONS = [
  'metropole',
  'alsace-moselle',
  'guadeloupe',
  'martinique',
  'guyane',
  'reunion',
  'mayotte',
  'saint-martin',
  'saint-barthelemy',
  'nouvelle-caledonie',
  'polynesie-francaise',
] as const satisfies readonly HolidayRegion[];

/** The abolition of slavery's day (month-day) of each overseas region. */
const ABOLITION: Partial<Record<HolidayRegion, string>> = {
  mayotte: '04-27',
  martinique: '05-22',
  guadeloupe: '05-27',
  'saint-martin': '05-28',
  guyane: '06-10',
  'saint-barthelemy': '10-09',
  reunion: '12-20',
};

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

/** Public holidays of C. trav. L3133-1 (plus the Alsace-Moselle or overseas ones), sorted, `YYYY-MM-DD`. */
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
  const abolition = ABOLITION[region];
  if (abolition) days.push(`${y}-${abolition}`);
  if (region === 'nouvelle-caledonie') days.push(`${y}-09-24`);
  if (region === 'polynesie-francaise') days.push(`${y}-03-05`, addDays(easter, -2), year >= 2025 ? `${y}-11-20` : `${y}-06-29`);
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

/**
 * Moselle (57), Bas-Rhin (67) and Haut-Rhin (68); the overseas départements by their 97x codes
 * (Saint-Martin 97150, Saint-Barthélemy 97133 within Guadeloupe's); French Polynesia 987xx, New Caledonia
 * 988xx; anything else, or nothing, is metropole.
 */
export const regionForPostalCode = (postalCode?: string): HolidayRegion => {
  const code = (postalCode ?? '').replace(/\s+/g, '');
  const prefix = code.slice(0, 2);
  if (prefix === '57' || prefix === '67' || prefix === '68') return 'alsace-moselle';
  if (code === '97150') return 'saint-martin';
  if (code === '97133') return 'saint-barthelemy';
  const overseas: Record<string, HolidayRegion> = {
    '971': 'guadeloupe',
    '972': 'martinique',
    '973': 'guyane',
    '974': 'reunion',
    '976': 'mayotte',
    '987': 'polynesie-francaise',
    '988': 'nouvelle-caledonie',
  };
  return overseas[code.slice(0, 3)] ?? 'metropole';
};
