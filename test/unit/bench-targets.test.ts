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
});
