import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useI18n } from '../lib/i18n';
import { fakeApi } from '../test/fake-api';
import { keepActiveTabInView, Layout } from './layout';

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

describe('the follow-up list’s tabs on a phone', () => {
  it('bring the current tab into view, a Radix trigger (opened by ?tab=drafts it sat off-screen to the right)', () => {
    const list = document.createElement('div');
    for (let i = 0; i < 9; i++) {
      const tab = document.createElement('button');
      tab.setAttribute('role', 'tab');
      tab.setAttribute('data-state', i === 7 ? 'active' : 'inactive');
      tab.getBoundingClientRect = () => ({ left: 16 + i * 120 - list.scrollLeft, width: 120 }) as DOMRect;
      list.append(tab);
    }
    list.getBoundingClientRect = () => ({ left: 16, width: 358 }) as DOMRect;
    Object.defineProperty(list, 'clientWidth', { value: 358 });
    keepActiveTabInView(list, '[role="tab"][data-state="active"]');
    expect(list.scrollLeft).toBe(960 - 358 + 16);
  });
});

const StepTime = () => {
  const { dateTime } = useI18n();
  return <p data-testid="step-time">{dateTime('2026-12-21T08:00:00.000Z')}</p>;
};

describe('times on the owner’s screens', () => {
  it('are said in the settings’ time zone, not the browser’s (a step at 09:00 Paris read 08:00 in a browser on UTC)', async () => {
    fakeApi(({ path }) =>
      path === '/settings'
        ? { status: 200, body: { timezone: 'Pacific/Tahiti', sendHour: 9 } }
        : path.startsWith('/notifications')
          ? { status: 200, body: { items: [] } }
          : undefined,
    );
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/']}>
          <Routes>
            <Route path="/" element={<Layout />}>
              <Route index element={<StepTime />} />
            </Route>
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    // 08:00 UTC is 22:00 the day before in Tahiti (UTC−10), whatever zone the test runs in.
    await waitFor(() => expect(screen.getByTestId('step-time').textContent).toBe('20 déc. 2026, 22:00'));
  });
});

