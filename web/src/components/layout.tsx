import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { api, unwrap } from '../lib/api-client';
import { signOut } from '../lib/auth';
import { OwnerTimeZone, setLanguage, useI18n } from '../lib/i18n';
import { invalidateMoneyViews } from '../lib/money-views';
import { useFocusHeadingOnNavigation, useKeepFocusOnScreen } from './focus-heading';

const NAV = [
  ['/', 'nav.home'],
  ['/invoices', 'nav.invoices'],
  ['/clients', 'nav.clients'],
  ['/quotes', 'nav.quotes'],
  ['/templates', 'nav.templates'],
  ['/scenarios', 'nav.scenarios'],
  ['/simulation', 'nav.simulation'],
  ['/letters', 'nav.letters'],
  ['/notifications', 'nav.alerts'],
  ['/settings', 'nav.settings'],
] as const;

/** Unread alerts for the navigation's badge (refreshed every minute and after each change). */
const useUnread = () =>
  useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: async () => {
      const page = await unwrap(api().GET('/notifications', { params: { query: { unread: 'true', limit: 100 } } }));
      return { count: page.items.length, more: Boolean(page.nextCursor) };
    },
    refetchInterval: 60_000,
    retry: false,
  });

/** The shell: skip link, header, navigation (scrolls sideways on a phone), main. */
/** On a phone the navigation scrolls sideways: the current screen's tab is brought into view (only the bar scrolls, not the page). */
export const keepActiveTabInView = (nav: HTMLElement | null, activeSelector = 'a.active'): void => {
  const active = nav?.querySelector<HTMLElement>(activeSelector);
  if (!nav || !active) return;
  const box = active.getBoundingClientRect();
  const left = box.left - nav.getBoundingClientRect().left + nav.scrollLeft;
  const right = left + box.width;
  if (left < nav.scrollLeft) nav.scrollLeft = Math.max(0, left - 16);
  else if (right > nav.scrollLeft + nav.clientWidth) nav.scrollLeft = right - nav.clientWidth + 16;
};

/**
 * A new alert is a client who acted on the portal (paid, promised, disputed, asked for a plan) or a send that
 * failed: the invoice's state, today's reminders and the home's alerts changed with it. The badge's minute poll
 * saw it while the screen on display kept what it read before (the badge said "1 non lue", the home's card "Aucune
 * nouvelle alerte" and the disputed invoice still among today's reminders): they are read again then.
 */
const useRefreshOnNewAlerts = (count: number | undefined) => {
  const queryClient = useQueryClient();
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (count === undefined) return;
    if (seen.current !== undefined && count > seen.current) void invalidateMoneyViews(queryClient);
    seen.current = count;
  }, [count, queryClient]);
};

export const Layout = () => {
  const { t, lang } = useI18n();
  const unread = useUnread().data;
  useRefreshOnNewAlerts(unread?.count);
  // Times on every screen in the settings' zone (the same query as the screens that read the settings).
  const timeZone = useQuery({ queryKey: ['settings'], queryFn: () => unwrap(api().GET('/settings')), retry: false }).data?.timezone;
  const nav = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // Again when the alerts badge or the language changes the tabs' widths.
  useEffect(() => keepActiveTabInView(nav.current), [pathname, unread?.count, lang]);
  useFocusHeadingOnNavigation(pathname);
  useKeepFocusOnScreen();
  return (
    <OwnerTimeZone.Provider value={timeZone}>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          Relances
        </NavLink>
        <div className="header-actions">
          <button
            type="button"
            className="button ghost small"
            lang={lang === 'fr' ? 'en' : 'fr'}
            onClick={() => void setLanguage(lang === 'fr' ? 'en' : 'fr')}
          >
            {t('nav.otherLanguage')}
          </button>
          <button type="button" className="button ghost small" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <nav className="app-nav" aria-label={t('nav.label')} ref={nav}>
        <ul>
          {NAV.map(([to, key]) => (
            <li key={to}>
              <NavLink to={to} end={to === '/'}>
                {t(key)}
                {to === '/notifications' && unread && unread.count > 0 && (
                  <>
                    {' '}
                    <span className="nav-badge" aria-hidden="true">
                      {unread.more ? '99+' : unread.count}
                    </span>
                    <span className="visually-hidden">({t('nav.unread', { count: unread.count })})</span>
                  </>
                )}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </OwnerTimeZone.Provider>
  );
};
