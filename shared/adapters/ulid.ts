/**
 * ULIDs (github.com/ulid/spec): 48 bits of milliseconds then 80 random bits, Crockford base 32, 26 characters that
 * sort as their time. In place of the `ulid` package, whose checks, decoders and PRNG detection every function
 * bundled (about 2.4 KB minified of the 300 KB budget, test/infra/bundle-budget.test.ts) for two calls.
 */
import { randomBytes } from 'node:crypto';

const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const timePart = (ms: number): string => {
  let out = '';
  for (let i = 0; i < 10; i++, ms = Math.floor(ms / 32)) out = B32[ms % 32] + out;
  return out;
};

/** 16 characters of 5 random bits each (a byte's low 5 bits: 256 is a multiple of 32, so every character is as likely). */
const randomPart = (): string => {
  let out = '';
  for (const byte of randomBytes(16)) out += B32[byte & 31];
  return out;
};

/** The random part plus one, in base 32 (it never overflows in practice: 2^80 ids within one millisecond). */
const increment = (random: string): string => {
  const chars = random.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    const next = B32.indexOf(chars[i]!) + 1;
    if (next < 32) {
      chars[i] = B32[next]!;
      return chars.join('');
    }
    chars[i] = B32[0]!;
  }
  throw new Error('ULID random part overflow');
};

export const ulid = (now: number = Date.now()): string => timePart(now) + randomPart();

/** Ids that keep the order they were made in, within one millisecond too (and if the clock steps back): the last one's time, its random part plus one. */
export const monotonicFactory = () => {
  let lastTime = -1;
  let lastRandom = '';
  return (now: number = Date.now()): string => {
    if (now <= lastTime) {
      lastRandom = increment(lastRandom);
      return timePart(lastTime) + lastRandom;
    }
    lastTime = now;
    lastRandom = randomPart();
    return timePart(now) + lastRandom;
  };
};
