import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { completeSignIn, currentUser, signIn } from '../../lib/auth';
import { useI18n } from '../../lib/i18n';

/** The issuer redirects here with `?code=&state=`; the code is exchanged (PKCE) for tokens. */
export const AuthCallback = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const once = useRef(false);
  useEffect(() => {
    if (once.current) return;
    once.current = true;
    completeSignIn()
      .then((to) => navigate(to, { replace: true }))
      .catch(async () => {
        // The sign-in page reached again with the back button and sent once more: its request was
        // already used ("No matching state found in storage"). Whoever is signed in goes on to the
        // app; the others are told in their language (never the library's English) and sign in again.
        if (await currentUser().catch(() => undefined)) return void navigate('/', { replace: true });
        setFailed(true);
      });
  }, [navigate]);
  return (
    <main className="centered">
      {failed ? (
        <div role="alert">
          {/* The page's heading (axe: page-has-heading-one), as every other screen has one. */}
          <h1>{t('auth.failed')}</h1>
          <p className="muted">{t('auth.stale')}</p>
          <button type="button" className="button primary" onClick={() => void signIn('/')}>
            {t('auth.retry')}
          </button>
        </div>
      ) : (
        <p role="status">{t('auth.signingIn')}</p>
      )}
    </main>
  );
};
