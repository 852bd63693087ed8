import { decodeTime, monotonicFactory as referenceMonotonic, ulid as referenceUlid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { monotonicFactory, ulid } from '../../shared/adapters/ulid.js';

const SHAPE = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

describe('ulid (shared/adapters/ulid.ts, in place of the ulid package)', () => {
  it('makes 26 Crockford base-32 characters whose first ten are the time, as the package decodes them', () => {
    for (const ms of [0, 1, 1_764_000_000_000, Date.UTC(2099, 11, 31, 23, 59, 59, 999), 2 ** 48 - 1]) {
      const id = ulid(ms);
      expect(id).toMatch(SHAPE);
      expect(decodeTime(id)).toBe(ms);
      // The package reads a time of 0 as "now".
      if (ms > 0) expect(id.slice(0, 10)).toBe(referenceUlid(ms).slice(0, 10));
    }
  });

  it('sorts as its time, and differs within one millisecond', () => {
    const ids = Array.from({ length: 200 }, (_, i) => ulid(1_764_000_000_000 + i * 37));
    expect([...ids].sort()).toEqual(ids);
    const same = new Set(Array.from({ length: 1000 }, () => ulid(1_764_000_000_000)));
    expect(same.size).toBe(1000);
  });

  it('spreads its random characters over the whole alphabet', () => {
    const seen = new Set(Array.from({ length: 200 }, () => ulid(0).slice(10)).join(''));
    expect(seen.size).toBe(32);
  });

  it('keeps the order ids were made in, within a millisecond and when the clock steps back, as the package does', () => {
    const next = monotonicFactory();
    const reference = referenceMonotonic();
    const times = [1000, 1000, 1000, 999, 1001, 1001, 5000, 4000, 4000];
    const ids = times.map((t) => next(t));
    const expected = times.map((t) => reference(t));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map((id) => decodeTime(id))).toEqual(expected.map((id) => decodeTime(id)));
    // Within one millisecond the next id keeps the time and grows.
    const [a, b] = [next(9000), next(9000)];
    expect(b.slice(0, 10)).toBe(a.slice(0, 10));
    expect(b > a).toBe(true);
  });

  it('carries when the last random character is the last of the alphabet', () => {
    const next = monotonicFactory();
    let id = next(42);
    // Step until a carry has happened at least once (the last character wraps from Z to 0).
    let carried = false;
    for (let i = 0; i < 64; i++) {
      const following = next(42);
      expect(following > id).toBe(true);
      if (id.endsWith('Z')) {
        expect(following.endsWith('0')).toBe(true);
        carried = true;
      }
      id = following;
    }
    expect(carried).toBe(true);
  });
});
