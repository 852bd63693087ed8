import { describe, expect, it } from 'vitest';
import { isTab, latenessQuery, TABS, tabQuery } from './follow-up';

describe('follow-up tabs', () => {
  it('map to the list filters of GET /invoices', () => {
    const today = '2026-12-30';
    expect(tabQuery('toChase', today)).toEqual({ overdue: 'true', reminded: 'false' });
    expect(tabQuery('overdue', today)).toEqual({ status: 'overdue' });
    expect(tabQuery('partial', today)).toEqual({ status: 'partially_paid' });
    expect(tabQuery('reminded', today)).toEqual({ reminded: 'true' });
    expect(tabQuery('notReminded', today)).toEqual({ open: 'true', reminded: 'false' });
    expect(tabQuery('dueSoon', today)).toEqual({ open: 'true', dueFrom: '2026-12-30', dueTo: '2027-01-06' });
    expect(tabQuery('litigation', today)).toEqual({ status: 'litigation' });
    expect(tabQuery('all', today)).toEqual({});
  });

  it('accepts only known tab names from the URL', () => {
    for (const tab of TABS) expect(isTab(tab)).toBe(true);
    expect(isTab('nope')).toBe(false);
    expect(isTab(null)).toBe(false);
  });

  it('maps lateness buckets to days-late bounds, inclusive and without overlap', () => {
    expect(latenessQuery('')).toEqual({});
    expect(latenessQuery('1to30')).toEqual({ minDaysLate: 1, maxDaysLate: 30 });
    expect(latenessQuery('31to60')).toEqual({ minDaysLate: 31, maxDaysLate: 60 });
    expect(latenessQuery('61to90')).toEqual({ minDaysLate: 61, maxDaysLate: 90 });
    expect(latenessQuery('90')).toEqual({ minDaysLate: 91 });
  });
});
