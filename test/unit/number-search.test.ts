import { describe, expect, it } from 'vitest';
import { dashedNumber } from '../../shared/app/aggregates/follow-up-list.js';

describe('our numbers typed without their dashes', () => {
  it('reads F2026, f 2026 11 and D20260007 as the prefix they are stored by', () => {
    expect(dashedNumber('F2026')).toBe('F-2026');
    expect(dashedNumber('f 2026 11')).toBe('F-2026-11');
    expect(dashedNumber('D20260007')).toBe('D-2026-0007');
    expect(dashedNumber('A2027-0001')).toBe('A-2027-0001');
  });

  it('reads our invoice number typed without its letter (2026-0013, 2026 0013) as F-2026-0013', () => {
    expect(dashedNumber('2026-0013')).toBe('F-2026-0013');
    expect(dashedNumber(' 2026 00 ')).toBe('F-2026-00');
  });

  it('leaves the dashed form, other tools’ numbers and plain digits as typed', () => {
    for (const q of ['F-2026-0011', 'F-2026', 'FA2025', 'EXT-001', '2026', '0011', 'F1999']) expect(dashedNumber(q), q).toBeUndefined();
  });
});
