import { describe, expect, it } from 'vitest';
import { endOfLocalDay, startOfLocalDay } from '../../shared/domain/zoned-time.js';

describe('a calendar day in a time zone', () => {
  it('starts at local midnight and ends one millisecond before the next one (Paris, winter)', () => {
    expect(startOfLocalDay('2026-01-15', 'Europe/Paris').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(endOfLocalDay('2026-01-15', 'Europe/Paris').toISOString()).toBe('2026-01-15T22:59:59.999Z');
  });

  it('lasts 23 hours on the spring DST day and 25 on the autumn one (Paris)', () => {
    const hours = (date: string) => (endOfLocalDay(date, 'Europe/Paris').getTime() + 1 - startOfLocalDay(date, 'Europe/Paris').getTime()) / 3_600_000;
    expect(hours('2026-03-29')).toBe(23);
    expect(hours('2026-10-25')).toBe(25);
    expect(hours('2026-06-01')).toBe(24);
  });

  it('follows the zone: Nouméa is 11 hours ahead, Tahiti 10 behind', () => {
    expect(startOfLocalDay('2026-05-01', 'Pacific/Noumea').toISOString()).toBe('2026-04-30T13:00:00.000Z');
    expect(startOfLocalDay('2026-05-01', 'Pacific/Tahiti').toISOString()).toBe('2026-05-01T10:00:00.000Z');
  });
});
