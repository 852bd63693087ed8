import { Link } from 'react-router';
import { useI18n } from '../lib/i18n';
import { useDocumentTitle } from './ui';

export default function NotFound() {
  const { t } = useI18n();
  useDocumentTitle(t('errors.notFound'));
  return (
    <section>
      <h1>{t('errors.notFound')}</h1>
      <Link to="/">{t('nav.home')}</Link>
    </section>
  );
}
