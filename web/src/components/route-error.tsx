import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useI18n } from '../lib/i18n';
import { useDocumentTitle } from './ui';

export const RouteError = () => {
  const error = useRouteError();
  const { t } = useI18n();
  useDocumentTitle(t('errors.screen'));
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : String(error);
  return (
    <main className="centered" id="main">
      <h1>{t('errors.screen')}</h1>
      <p className="muted">{detail}</p>
      <Link to="/" className="button">
        {t('nav.home')}
      </Link>
    </main>
  );
};
