import { describe, expect, it } from 'vitest';
import { keepActiveTabInView } from './layout';

/** A navigation bar 375 px wide over tabs 100 px wide each (happy-dom has no layout: the boxes are given). */
const bar = (activeIndex: number, scrollLeft = 0) => {
  const nav = document.createElement('nav');
  for (let i = 0; i < 10; i++) {
    const a = document.createElement('a');
    if (i === activeIndex) a.className = 'active';
    a.getBoundingClientRect = () => ({ left: i * 100 - nav.scrollLeft, width: 100 }) as DOMRect;
    nav.append(a);
  }
  nav.getBoundingClientRect = () => ({ left: 0, width: 375 }) as DOMRect;
  Object.defineProperty(nav, 'clientWidth', { value: 375 });
  nav.scrollLeft = scrollLeft;
  return nav;
};

describe('the navigation bar on a phone', () => {
  it('scrolls the current screen’s tab into view when it is beyond the right edge', () => {
    const nav = bar(9);
    keepActiveTabInView(nav);
    expect(nav.scrollLeft).toBe(1000 - 375 + 16);
  });

  it('scrolls back when the tab is before the left edge, and leaves a visible tab alone', () => {
    const before = bar(1, 500);
    keepActiveTabInView(before);
    expect(before.scrollLeft).toBe(100 - 16);
    const visible = bar(2, 0);
    keepActiveTabInView(visible);
    expect(visible.scrollLeft).toBe(0);
  });
});
