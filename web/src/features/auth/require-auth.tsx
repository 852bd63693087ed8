import { useEffect, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { currentUser, signIn } from '../../lib/auth';
import { useI18n } from '../../lib/i18n';

/** Screens behind sign-in: without a valid session, off to the issuer (Cognito or local). */
export const RequireAuth = ({ children }: { children: ReactNode }) => {
  const { t } = useI18n();
  const location = useLocation();
  const [state, setState] = useState<'checking' | 'in' | 'error'>('checking');
  useEffect(() => {
    let live = true;
    currentUser()
      .then(async (user) => {
        if (!live) return;
        if (user) setState('in');
        else await signIn(location.pathname + location.search);
      })
      .catch(() => live && setState('error'));
    return () => {
      live = false;
    };
    // Checked once per mount; navigation inside the app keeps the session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (state === 'in') return <>{children}</>;
  return (
    <main className="centered" aria-busy={state === 'checking'}>
      <p role={state === 'error' ? 'alert' : 'status'}>{state === 'error' ? t('auth.failed') : t('auth.signingIn')}</p>
    </main>
  );
};
