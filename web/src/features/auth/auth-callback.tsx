import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { completeSignIn, signIn } from '../../lib/auth';
import { useI18n } from '../../lib/i18n';

/** The issuer redirects here with `?code=&state=`; the code is exchanged (PKCE) for tokens. */
export const AuthCallback = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [failed, setFailed] = useState<string>();
  const once = useRef(false);
  useEffect(() => {
    if (once.current) return;
    once.current = true;
    completeSignIn()
      .then((to) => navigate(to, { replace: true }))
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
  }, [navigate]);
  return (
    <main className="centered">
      {failed ? (
        <div role="alert">
          <p>{t('auth.failed')}</p>
          <p className="muted">{failed}</p>
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
