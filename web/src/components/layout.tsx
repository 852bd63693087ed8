import { NavLink, Outlet } from 'react-router';
import { signOut } from '../lib/auth';
import { setLanguage, useI18n } from '../lib/i18n';

const NAV = [
  ['/', 'nav.home'],
  ['/invoices', 'nav.invoices'],
  ['/clients', 'nav.clients'],
  ['/quotes', 'nav.quotes'],
  ['/templates', 'nav.templates'],
  ['/scenarios', 'nav.scenarios'],
  ['/simulation', 'nav.simulation'],
  ['/settings', 'nav.settings'],
] as const;

/** The shell: skip link, header, navigation (scrolls sideways on a phone), main. */
export const Layout = () => {
  const { t, lang } = useI18n();
  return (
    <>
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
      <nav className="app-nav" aria-label={t('nav.label')}>
        <ul>
          {NAV.map(([to, key]) => (
            <li key={to}>
              <NavLink to={to} end={to === '/'}>
                {t(key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
};
