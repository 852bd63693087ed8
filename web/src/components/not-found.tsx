import { Link } from 'react-router';
import { useI18n } from '../lib/i18n';

export default function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('errors.notFound')}</h1>
      <Link to="/">{t('nav.home')}</Link>
    </section>
  );
}
