import { describe, expect, it } from 'vitest';
import { formatTargets, TARGET_LINE, type Target } from '../../bench/stats.js';

describe('the benchmarks’ target summary', () => {
  it('lists each target with its measure and limit, and marks the missed ones', () => {
    const targets: Target[] = [
      { target: 'bundle', measured: '294 KB', limit: '300 KB', met: true },
      { target: 'items written per reminder', measured: '6.00', limit: '4', met: false },
    ];
    const text = formatTargets(targets);
    expect(text).toMatch(/\| bundle +\| +294 KB \| +300 KB \| +met \|/);
    expect(text).toMatch(/\| items written per reminder +\| +6\.00 \| +4 \| \*\*missed\*\* \|/);
    // A child hands them over as one JSON line each.
    const line = `${TARGET_LINE}${JSON.stringify(targets[1])}`;
    expect(JSON.parse(line.slice(TARGET_LINE.length))).toEqual(targets[1]);
  });

  it('says under the table why each missed target is missed, with its figure (issue 12: "the note says which is not and why")', () => {
    const text = formatTargets([
      { target: 'bundle', measured: '294 KB', limit: '300 KB', met: true, whyMissed: 'never shown' },
      { target: 'items written per reminder', measured: '7.00', limit: '4', met: false, whyMissed: 'the claim writes 3 items (docs/adr/0003-writes-per-reminder.md)' },
      { target: 'PDF ÷ pdfkit', measured: '3.37×', limit: '3×', met: false },
    ]);
    expect(text).toContain('Missed: items written per reminder, 7.00 (limit 4): the claim writes 3 items (docs/adr/0003-writes-per-reminder.md).');
    expect(text).toContain('Missed: PDF ÷ pdfkit, 3.37× (limit 3×): no reason recorded; see docs/benchmarks.md.');
    expect(text).not.toContain('never shown');
  });
});
