/**
 * After a navigation inside the app, the focus moves to the new screen's heading (its h1), as a
 * page load would start a screen reader there: otherwise it stays on the link that was pressed,
 * or falls back to the page's top when that link has gone. A screen whose heading comes after its
 * data is waited for (up to 10 s). A field the user is already typing in keeps the focus.
 */
import { useEffect, useRef } from 'react';

const TYPING = 'input, textarea, select, [contenteditable="true"]';

/** Focuses `main`'s first h1 now or when it appears; returns the cleanup. */
export const focusHeadingWhenShown = (main: HTMLElement, waitMs = 10_000): (() => void) => {
  const tryFocus = (): boolean => {
    const heading = main.querySelector<HTMLElement>('h1');
    if (!heading) return false;
    const active = document.activeElement;
    if (active instanceof HTMLElement && main.contains(active) && active.matches(TYPING)) return true;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus();
    return true;
  };
  if (tryFocus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = setTimeout(() => stop(), waitMs);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(main, { childList: true, subtree: true });
  return stop;
};

/** In the shell: on each change of path (not of the query: a tab or a filter of the same screen), but not on the first load. */
export const useFocusHeadingOnNavigation = (pathname: string, mainId = 'main') => {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById(mainId);
    return main ? focusHeadingWhenShown(main) : undefined;
  }, [pathname, mainId]);
};
