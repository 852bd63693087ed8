import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { easterSunday, frenchPublicHolidays, isPublicHoliday, regionForPostalCode } from '../../shared/domain/holidays.js';
import { weekday } from '../../shared/domain/dates.js';

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('puts Easter %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('always falls on a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        expect(weekday(easter)).toBe(0);
        expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
      }),
    );
  });
});

describe('frenchPublicHolidays', () => {
  it('lists the eleven 2026 holidays of metropolitan France', () => {
    expect(frenchPublicHolidays(2026, 'metropole')).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('puts Easter Monday, Ascension and Whit Monday 2027 on 29 Mar, 6 May and 17 May', () => {
    const days = frenchPublicHolidays(2027, 'metropole');
    expect(days).toHaveLength(11);
    expect(days).toEqual(expect.arrayContaining(['2027-03-29', '2027-05-06', '2027-05-17']));
  });

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    const metropole = frenchPublicHolidays(2026, 'metropole');
    const alsace = frenchPublicHolidays(2026, 'alsace-moselle');
    expect(alsace.filter((d) => !metropole.includes(d))).toEqual(['2026-04-03', '2026-12-26']);
    expect(frenchPublicHolidays(2027, 'alsace-moselle')).toEqual(expect.arrayContaining(['2027-03-26', '2027-12-26']));
  });

  it('returns sorted, unique, well-formed dates of the asked year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.constantFrom('metropole', 'alsace-moselle' as const), (year, region) => {
        const days = frenchPublicHolidays(year, region);
        expect([...days].sort()).toEqual(days);
        expect(new Set(days).size).toBe(days.length);
        expect(days.every((d) => d.startsWith(`${year}-`))).toBe(true);
        // Ascension can fall on 1 or 8 May (2008, 2160): a coinciding holiday is listed once.
        expect(days.length).toBeGreaterThanOrEqual(region === 'metropole' ? 10 : 12);
        expect(days.length).toBeLessThanOrEqual(region === 'metropole' ? 11 : 13);
      }),
    );
  });
});

describe('isPublicHoliday', () => {
  it('lists Ascension once when it falls on 1 May (2008)', () => {
    const days = frenchPublicHolidays(2008, 'metropole');
    expect(days.filter((d) => d === '2008-05-01')).toHaveLength(1);
    expect(days).toHaveLength(10);
  });

  it('knows 14 July and Whit Monday but not an ordinary Tuesday', () => {
    expect(isPublicHoliday('2026-07-14', 'metropole')).toBe(true);
    expect(isPublicHoliday('2026-05-25', 'metropole')).toBe(true);
    expect(isPublicHoliday('2026-07-15', 'metropole')).toBe(false);
  });

  it('treats Good Friday as a holiday only in Alsace-Moselle', () => {
    expect(isPublicHoliday('2026-04-03', 'metropole')).toBe(false);
    expect(isPublicHoliday('2026-04-03', 'alsace-moselle')).toBe(true);
    expect(isPublicHoliday('2026-12-26', 'alsace-moselle')).toBe(true);
  });
});

describe('overseas regions', () => {
  it.each([
    ['mayotte', '2026-04-27'],
    ['martinique', '2026-05-22'],
    ['guadeloupe', '2026-05-27'],
    ['saint-martin', '2026-05-28'],
    ['guyane', '2026-06-10'],
    ['saint-barthelemy', '2026-10-09'],
    ['reunion', '2026-12-20'],
  ] as const)('adds the abolition of slavery day in %s (%s), and keeps the national holidays', (region, day) => {
    expect(isPublicHoliday(day, region)).toBe(true);
    expect(isPublicHoliday(day, 'metropole')).toBe(false);
    expect(frenchPublicHolidays(2026, region)).toEqual([...frenchPublicHolidays(2026, 'metropole'), day].sort());
  });
});

describe('the Pacific collectivities (their own labour codes: the national list and their own days)', () => {
  it('New Caledonia adds 24 September (fête de la citoyenneté): the national eleven plus that one', () => {
    expect(frenchPublicHolidays(2027, 'nouvelle-caledonie')).toEqual([...frenchPublicHolidays(2027, 'metropole'), '2027-09-24'].sort());
    expect(isPublicHoliday('2027-09-24', 'nouvelle-caledonie')).toBe(true);
    expect(isPublicHoliday('2027-09-24', 'metropole')).toBe(false);
  });

  it('French Polynesia adds 5 March (arrivée de l’Évangile), Good Friday, and 20 November from 2025 (29 June before)', () => {
    expect(frenchPublicHolidays(2027, 'polynesie-francaise')).toEqual([...frenchPublicHolidays(2027, 'metropole'), '2027-03-05', '2027-03-26', '2027-11-20'].sort());
    expect(isPublicHoliday('2028-04-14', 'polynesie-francaise')).toBe(true); // Good Friday 2028
    expect(isPublicHoliday('2026-11-20', 'polynesie-francaise')).toBe(true);
    expect(isPublicHoliday('2026-06-29', 'polynesie-francaise')).toBe(false);
    expect(isPublicHoliday('2024-06-29', 'polynesie-francaise')).toBe(true);
    expect(isPublicHoliday('2024-11-20', 'polynesie-francaise')).toBe(false);
    expect(isPublicHoliday('2027-03-05', 'metropole')).toBe(false);
  });
});

describe('regionForPostalCode', () => {
  it.each([
    ['57000', 'alsace-moselle'],
    ['67000', 'alsace-moselle'],
    ['68100', 'alsace-moselle'],
    [' 67 000', 'alsace-moselle'],
    ['75011', 'metropole'],
    ['54000', 'metropole'],
    ['', 'metropole'],
    [undefined, 'metropole'],
    ['97100', 'guadeloupe'],
    ['97200', 'martinique'],
    ['97300', 'guyane'],
    ['97 400', 'reunion'],
    ['97600', 'mayotte'],
    ['97150', 'saint-martin'],
    ['97133', 'saint-barthelemy'],
    ['97500', 'metropole'],
    ['98800', 'nouvelle-caledonie'],
    ['98 845', 'nouvelle-caledonie'],
    ['98714', 'polynesie-francaise'],
    ['98735', 'polynesie-francaise'],
    ['98600', 'metropole'],
    ['09700', 'metropole'],
  ])('maps %s to %s', (postalCode, region) => {
    expect(regionForPostalCode(postalCode)).toBe(region);
  });
});
