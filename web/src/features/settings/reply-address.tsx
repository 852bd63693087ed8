import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../../lib/i18n';
import { registerTexts } from '../../lib/texts';

/**
 * A tenant with no company email, no reply-to address and no notification address sends its invoices and
 * reminders without a Reply-To (the clients' replies reach the platform's sender, which nobody reads) and gets
 * no alert (bounces, disputes, "j'ai payé"): the API sends anyway, so the app says it where the owner looks
 * (home, settings), with a link to the company email field.
 */
registerTexts(
  'replyAddress',
  {
    warning:
      'Personne ne peut vous répondre : ni e-mail de l’entreprise, ni adresse de réponse des relances, ni e-mail pour les alertes. Les réponses de vos clients partent à l’adresse d’envoi de la plateforme, que personne ne lit, et vous ne recevez aucune alerte (rebonds, litiges, « j’ai payé »).',
    link: 'Renseigner l’e-mail de l’entreprise',
  },
  {
    warning:
      'Nobody can reply to you: no company email, no reply-to address for reminders, no email for alerts. Your clients’ replies go to the platform’s sending address, which nobody reads, and you get no alerts (bounces, disputes, “I have paid”).',
    link: 'Fill in the company email',
  },
);

/** The company email field's anchor on the settings screen (`/settings#company-email`). */
export const COMPANY_EMAIL_ANCHOR = 'company-email';

interface ReplyAddresses {
  readonly company: { readonly email?: string | null };
  readonly replyToEmail?: string | null;
  readonly notifyEmail?: string | null;
}

/** None of the three addresses a reply or an alert could go to. */
export const lacksReplyAddress = (s: ReplyAddresses): boolean => !s.company.email?.trim() && !s.replyToEmail?.trim() && !s.notifyEmail?.trim();

export const NoReplyAddressWarning = ({ settings }: { settings: ReplyAddresses | undefined }) => {
  const { t } = useI18n();
  if (!settings || !lacksReplyAddress(settings)) return null;
  return (
    <div className="notice warning" data-testid="no-reply-address">
      <p>{t('replyAddress.warning')}</p>
      <Link to={`/settings#${COMPANY_EMAIL_ANCHOR}`} className="button small">
        {t('replyAddress.link')}
      </Link>
    </div>
  );
};

/** On the settings screen: the field the URL's hash names (`#company-email`) scrolled to and focused. */
export const useFieldFromHash = (ready: boolean) => {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.scrollIntoView?.({ block: 'center' });
    (target.querySelector('input, select, textarea') as HTMLElement | null)?.focus();
  }, [ready, hash]);
};
