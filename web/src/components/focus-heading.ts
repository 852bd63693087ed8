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

/**
 * When the control that has the focus goes away — a quote's "Envoyer le devis" replaced by "Accepté
 * par le client", a mass send's dialog closed once its selection bar (and so its button) is gone — the
 * browser drops the focus to the page's top, and the next Tab starts again from the skip link. The
 * focus goes to the screen's heading instead (without scrolling), one Tab before what replaced the
 * control. Chromium drops it already when the button is disabled while its request runs: if the button
 * comes back enabled (the request failed), the focus returns to it. A focus the user moved away
 * themselves (a click outside any control) is left alone, and a screen or dialog that puts the focus
 * somewhere on purpose does so before or after this, unchanged. A control that goes away inside a dialog
 * still open ("Envoyer la relance" replaced by its result) hands the focus to that dialog, never to the
 * screen's heading behind it: the next Tab would have left the modal dialog for the page it hides.
 */
export const keepFocusOnScreen = (main: HTMLElement): (() => void) => {
  let last: HTMLElement | null = null;
  let lastDialog: HTMLElement | null = null;
  const disabled = (element: HTMLElement) => element.matches(':disabled');
  const onFocusIn = (event: FocusEvent) => {
    last = event.target instanceof HTMLElement ? event.target : null;
    lastDialog = last?.closest<HTMLElement>('[role=dialog], [role=alertdialog]') ?? null;
  };
  // A blur the user made (the control still there and usable) forgets it; one caused by a removal or by disabling it does not.
  const onFocusOut = (event: FocusEvent) => {
    const target = event.target;
    queueMicrotask(() => {
      if (target instanceof HTMLElement && target === last && target.isConnected && !disabled(target) && document.activeElement !== target) last = null;
    });
  };
  const observer = new MutationObserver(() => {
    const active = document.activeElement;
    if (!last || (active !== null && active !== document.body)) return;
    if (last.isConnected) {
      if (!disabled(last)) last.focus({ preventScroll: true });
      return;
    }
    last = null;
    if (lastDialog?.isConnected) {
      if (!lastDialog.hasAttribute('tabindex')) lastDialog.setAttribute('tabindex', '-1');
      lastDialog.focus({ preventScroll: true });
      return;
    }
    if (!main.isConnected) return;
    const heading = main.querySelector<HTMLElement>('h1') ?? main;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  });
  document.addEventListener('focusin', onFocusIn);
  document.addEventListener('focusout', onFocusOut);
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  return () => {
    document.removeEventListener('focusin', onFocusIn);
    document.removeEventListener('focusout', onFocusOut);
    observer.disconnect();
  };
};

/** In the shell: for the life of the signed-in screens. */
export const useKeepFocusOnScreen = (mainId = 'main') => {
  useEffect(() => {
    const main = document.getElementById(mainId);
    return main ? keepFocusOnScreen(main) : undefined;
  }, [mainId]);
};
