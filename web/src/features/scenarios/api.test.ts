import { describe, expect, it } from 'vitest';
import { stepDays, stepId } from './api';

describe('scenario steps', () => {
  it('places each step relative to the due date, a step after the previous one adding to it', () => {
    expect(stepDays([{ offsetDays: -5, anchor: 'due' }, { offsetDays: 1, anchor: 'due' }, { offsetDays: 7, anchor: 'previous' }, { offsetDays: 30 }])).toEqual([-5, 1, 8, 30]);
  });

  it('names new steps after their day, unique within the scenario', () => {
    expect(stepId(-5, new Set())).toBe('j-5');
    expect(stepId(0, new Set())).toBe('j+0');
    expect(stepId(8, new Set(['j+8', 'j+8-2']))).toBe('j+8-3');
  });
});
