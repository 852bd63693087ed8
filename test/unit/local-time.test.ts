import { describe, expect, it } from 'vitest';
import { atExpressionToUtc, isValidTimeZone, parseAtExpression } from '../../infra/local/local-time.js';

const utc = (expression: string, zone?: string) => atExpressionToUtc(expression, zone)?.toISOString();

describe('at() expressions in a time zone', () => {
  it('reads the wall time as UTC when no time zone is given', () => {
    expect(utc('at(2026-01-15T09:00:00)')).toBe('2026-01-15T09:00:00.000Z');
  });

  it('applies Paris winter time (UTC+1) and summer time (UTC+2)', () => {
    expect(utc('at(2026-01-15T09:00:00)', 'Europe/Paris')).toBe('2026-01-15T08:00:00.000Z');
    expect(utc('at(2026-07-15T09:00:00)', 'Europe/Paris')).toBe('2026-07-15T07:00:00.000Z');
  });

  it('switches offset exactly at the spring-forward and fall-back days', () => {
    expect(utc('at(2026-03-28T09:00:00)', 'Europe/Paris')).toBe('2026-03-28T08:00:00.000Z');
    expect(utc('at(2026-03-29T09:00:00)', 'Europe/Paris')).toBe('2026-03-29T07:00:00.000Z');
    expect(utc('at(2026-10-24T09:00:00)', 'Europe/Paris')).toBe('2026-10-24T07:00:00.000Z');
    expect(utc('at(2026-10-25T09:00:00)', 'Europe/Paris')).toBe('2026-10-25T08:00:00.000Z');
  });

  it('moves a wall time inside the spring-forward gap forward by the gap', () => {
    // 02:30 does not exist in Paris on 2026-03-29: it is read as 03:30 CEST.
    expect(utc('at(2026-03-29T02:30:00)', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
    expect(utc('at(2026-03-29T01:59:59)', 'Europe/Paris')).toBe('2026-03-29T00:59:59.000Z');
    expect(utc('at(2026-03-29T03:00:00)', 'Europe/Paris')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('resolves a repeated fall-back wall time to its first occurrence', () => {
    expect(utc('at(2026-10-25T02:30:00)', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
    expect(utc('at(2026-10-25T03:00:00)', 'Europe/Paris')).toBe('2026-10-25T02:00:00.000Z');
  });

  it('handles zones west of UTC, half-hour offsets and the overseas departments', () => {
    expect(utc('at(2026-03-08T02:30:00)', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(utc('at(2026-06-01T09:00:00)', 'Asia/Kolkata')).toBe('2026-06-01T03:30:00.000Z');
    expect(utc('at(2026-06-01T09:00:00)', 'Indian/Reunion')).toBe('2026-06-01T05:00:00.000Z');
    expect(utc('at(2026-06-01T09:00:00)', 'America/Martinique')).toBe('2026-06-01T13:00:00.000Z');
  });

  it('crosses the year boundary', () => {
    expect(utc('at(2027-01-01T00:30:00)', 'Europe/Paris')).toBe('2026-12-31T23:30:00.000Z');
  });

  it('rejects malformed expressions and impossible dates', () => {
    for (const bad of ['at(2026-1-15T09:00:00)', 'at(2026-02-30T09:00:00)', 'at(2026-01-15T24:00:00)', 'at(2026-01-15 09:00:00)', 'rate(5 minutes)', 'at(2026-01-15T09:00)']) {
      expect(parseAtExpression(bad), bad).toBeUndefined();
    }
  });

  it('recognises IANA time zones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
