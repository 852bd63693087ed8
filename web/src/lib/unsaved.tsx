import { useContext, useEffect } from 'react';
import { UNSAFE_DataRouterContext, useBlocker } from 'react-router';
import { useI18n } from './i18n';

/**
 * Asks before leaving a screen with edits not saved: another screen of the app (the browser's own
 * confirm, as the app's other confirmations: keyboard and screen reader ready) or the tab closed or
 * reloaded (the browser's "leave site?" prompt). Renders nothing; outside a data router (component
 * tests under MemoryRouter) it only guards the tab.
 */
export const UnsavedGuard = ({ dirty }: { dirty: boolean }) => {
  const dataRouter = useContext(UNSAFE_DataRouterContext);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return dataRouter ? <InAppGuard dirty={dirty} /> : null;
};

const InAppGuard = ({ dirty }: { dirty: boolean }) => {
  const { t } = useI18n();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(t('common.leaveUnsaved'))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);
  return null;
};
