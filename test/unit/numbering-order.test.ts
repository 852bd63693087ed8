import { describe, expect, it } from 'vitest';
import { chronologyBreach, seriesYear } from '../../shared/domain/numbering.js';

/** CGI 242 nonies A: a document numbered later must not bear an earlier issue date than one already numbered in its series. */
describe('invoice numbering in date order', () => {
  const last = { number: 'F-2026-0012', issueDate: '2026-11-20' };

  it('takes a document dated the same day as the last numbered, or later', () => {
    expect(chronologyBreach('2026-11-20', last)).toBeUndefined();
    expect(chronologyBreach('2026-11-21', last)).toBeUndefined();
    expect(chronologyBreach('2027-01-01', last)).toBeUndefined();
  });

  it('names the last numbered document when one would be dated before it', () => {
    expect(chronologyBreach('2026-11-19', last)).toEqual(last);
    expect(chronologyBreach('2025-12-31', last)).toEqual(last);
  });

  it('takes any date in a series that numbered nothing yet (or before its last date was kept)', () => {
    expect(chronologyBreach('2000-01-01', undefined)).toBeUndefined();
  });

  it('numbers a document in the series of its own year', () => {
    expect(seriesYear('2025-12-31')).toBe(2025);
    expect(seriesYear('2026-01-01')).toBe(2026);
  });
});
