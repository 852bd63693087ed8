/** Shared building blocks: every screen shows loading, empty and error states the same way. */
import type { UseQueryResult } from '@tanstack/react-query';
import { Dialog as RadixDialog } from 'radix-ui';
import { isValidElement, useEffect, useId, useRef, type CSSProperties, type ReactElement, type ReactNode, type RefObject } from 'react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../lib/i18n';
import { apiMessage } from '../lib/api-message';
import { ApiError } from '../lib/problem';

const APP_NAME = 'Relances';

/**
 * The browser tab's title names the screen ("Factures · Relances"), as its heading does (WCAG 2.4.2):
 * a screen reader announces it, and the phone's tab list and history tell the screens apart. The client's
 * portal goes without the app's name (`withApp: false`): the client knows the seller, not Relances.
 */
export const useDocumentTitle = (title: string | undefined, { withApp = true }: { withApp?: boolean } = {}) => {
  useEffect(() => {
    if (typeof document === 'undefined' || !title) return;
    document.title = withApp ? `${title} · ${APP_NAME}` : title;
    return () => {
      document.title = APP_NAME;
    };
  }, [title, withApp]);
};

/**
 * A form's submit button while its request runs: marked `aria-disabled` and inert (a press or Enter in a
 * field submits nothing twice), not `disabled`: a disabled button loses the focus, which fell to the
 * page's top after every save or refused request, and a keyboard or screen-reader user had to find the form again.
 */
export const SubmitButton = ({ busy, className, children }: { busy: boolean; className?: string; children: ReactNode }) => (
  <button
    type="submit"
    className={className}
    aria-disabled={busy || undefined}
    onClick={(e) => {
      if (busy) e.preventDefault();
    }}
  >
    {children}
  </button>
);

export const PageHeader = ({ title, children }: { title: ReactNode; children?: ReactNode }) => {
  useDocumentTitle(typeof title === 'string' ? title : undefined);
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
};

export const Loading = ({ label }: { label?: string }) => {
  const { t } = useI18n();
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" /> {label ?? t('common.loading')}
    </p>
  );
};

/** What the settings miss, by the label of their field (`settings.company.siren` → "SIREN"); others as the API says. */
const SETTINGS_FIELDS: Record<string, string> = {
  'settings.company.name': 'settings.companyName',
  'settings.company.address': 'clients.address',
  'settings.company.siren': 'settings.siren',
  'settings.company.iban': 'errors.ibanOrPaymentUrl',
  'settings.company.email': 'settings.email',
};

/** To the settings, saying where the send was refused: once the company is saved there, the settings offer the way back. */
const CompleteSettingsLink = () => {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  return (
    <Link to="/settings" state={{ back: pathname + search }} className="button small">
      {t('errors.completeSettings')}
    </Link>
  );
};

export const ErrorMessage = ({ error, retry }: { error: unknown; retry?: () => void }) => {
  const { t, lang, colon } = useI18n();
  // Each line once: a refusal may name one field several times with the same words (a template used by two scenarios).
  const fields = (error instanceof ApiError ? (error.problem.errors ?? []) : []).filter(
    (e, i, all) => all.findIndex((o) => o.path === e.path && apiMessage(o.message, lang) === apiMessage(e.message, lang)) === i,
  );
  // Sending needs the company's identity: say which fields of the settings to fill, in the user's words.
  const missingSettings = fields.length > 0 && fields.every((e) => e.path.startsWith('settings.'));
  const notFound = error instanceof ApiError && error.status === 404;
  // A field the API names but the screen does not show: by its label (`body.lines.0.quantity` → "Quantité"), never the path.
  const fieldLabel = (path: string) => {
    const name = path.split('.').filter((p) => !/^\d+$/.test(p)).at(-1) ?? '';
    if (/^(body|query|path|quote)$/.test(name)) return '';
    // A quote's own field (`quote.issueDate`): "Date du devis", never the invoice's "Date de facture".
    const own = path.startsWith('quote.') ? t(`fields.quote.${name}`, { defaultValue: '' }) : '';
    return own || t(`fields.${name}`, { defaultValue: '' });
  };
  const message = missingSettings ? t('errors.incompleteSettings') : error instanceof ApiError ? error.userMessage() : t('errors.network');
  // A field whose words the message already says is not listed again under it.
  const listed = fields.filter((e) => missingSettings || apiMessage(e.message, lang) !== message);
  return (
    <div role="alert" className="error-box">
      <p>{message}</p>
      {listed.length > 0 && (
        <ul>
          {listed.map((e) =>
            missingSettings && SETTINGS_FIELDS[e.path] ? (
              <li key={e.path}>{t(SETTINGS_FIELDS[e.path]!)}</li>
            ) : (
              <li key={e.path}>
                {fieldLabel(e.path) && <strong>{colon(fieldLabel(e.path)!)} </strong>}
                {apiMessage(e.message, lang)}
              </li>
            ),
          )}
        </ul>
      )}
      {fields.some((e) => e.path.startsWith('settings.')) && <CompleteSettingsLink />}
      {/* A 404 does not get better by retrying: the way out is home. */}
      {retry && notFound && (
        <Link to="/" className="button small">
          {t('errors.home')}
        </Link>
      )}
      {retry && !notFound && (
        <button type="button" className="button small" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
};

export const EmptyState = ({ title, children, action, extra }: { title: string; children?: ReactNode; action?: { to: string; label: string }; extra?: ReactNode }) => (
  <div className="empty">
    <p className="empty-title">{title}</p>
    {children && <p className="muted">{children}</p>}
    {extra}
    {action && (
      <Link to={action.to} className="button primary">
        {action.label}
      </Link>
    )}
  </div>
);

/**
 * A screen that could not load what it shows (its invoice, client, quote…): still a screen, with its
 * heading (the page's h1 and the tab's title, where the focus goes after a navigation), then the
 * message and the way out. A 404 is "Page introuvable.", anything else "Cet écran n’a pas pu s’afficher.".
 */
export const ScreenError = ({ error, retry }: { error: unknown; retry?: () => void }) => {
  const { t } = useI18n();
  // An id the API refuses as malformed (a link mistyped: `path.id` only) is as missing as an unknown one; retrying cannot help.
  const badLink = error instanceof ApiError && error.status === 400 && (error.problem.errors ?? []).length > 0 && (error.problem.errors ?? []).every((e) => e.path.startsWith('path.'));
  const notFound = badLink || (error instanceof ApiError && error.status === 404);
  return (
    <section>
      <PageHeader title={t(notFound ? 'errors.notFound' : 'errors.screen')} />
      {badLink ? (
        <div role="alert" className="error-box">
          <p>{t('errors.badLink')}</p>
          <Link to="/" className="button small">
            {t('errors.home')}
          </Link>
        </div>
      ) : (
        <ErrorMessage error={error} retry={retry} />
      )}
    </section>
  );
};

/** Loading → error (with retry) → empty → content. */
export function AsyncState<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}): ReactElement {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  if (isEmpty?.(query.data) && empty) return <>{empty}</>;
  return <>{children(query.data)}</>;
}

/** A labelled field with its error (from zod or from the API's problem+json) tied by aria-describedby. */
export const Field = ({
  label,
  error,
  hint,
  warning,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  /** Said under the field without refusing it (a landline where texts go): the value stays valid. */
  warning?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) => {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', warning && !error ? `${id}-warning` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {warning && !error && (
        <p id={`${id}-warning`} className="field-warning">
          {warning}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
};

export const FormError = ({ error }: { error: unknown }) => {
  if (!error) return null;
  return <ErrorMessage error={error} />;
};

const TONES: Record<string, string> = {
  draft: 'neutral',
  sent: 'info',
  partially_paid: 'warn',
  paid: 'ok',
  cancelled: 'neutral',
  overdue: 'danger',
  pending: 'info',
  accepted: 'ok',
  refused: 'danger',
  expired: 'neutral',
  converted: 'ok',
  scheduled: 'info',
  sending: 'info',
  skipped: 'neutral',
  failed: 'danger',
  to_post: 'warn',
  done: 'ok',
  litigation: 'danger',
  written_off: 'neutral',
};

/** An open invoice past its due date shows as late; litigation, written off and the rest show their own status. */
export const invoiceStatus = (i: { status: string; overdue: boolean }): string => (i.overdue && (i.status === 'sent' || i.status === 'partially_paid') ? 'overdue' : i.status);

export const StatusBadge = ({ status }: { status: string }) => {
  const { t } = useI18n();
  return <span className={`badge ${TONES[status] ?? 'neutral'}`}>{t(`status.${status}`, { defaultValue: status })}</span>;
};

/**
 * A modal dialog. Without a trigger (opened from a menu item), `returnFocus` names the element
 * that gets the focus back when it closes (the menu's button), as a trigger would.
 */
export const Dialog = ({
  trigger,
  title,
  open,
  onOpenChange,
  returnFocus,
  children,
}: {
  trigger?: ReactNode;
  title: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
}) => {
  const { t } = useI18n();
  const contentRef = useRef<HTMLDivElement>(null);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger !== undefined && <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger>}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          ref={contentRef}
          className="dialog"
          aria-describedby={undefined}
          onOpenAutoFocus={(e) => {
            // The first field to fill, not the ✕ in the header; without one, the title (read first, as the dialog's name).
            const content = contentRef.current;
            const target =
              content?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])') ??
              content?.querySelector<HTMLElement>('.dialog-header h2');
            if (!target) return;
            e.preventDefault();
            target.focus();
          }}
          onCloseAutoFocus={
            returnFocus
              ? (e) => {
                  e.preventDefault();
                  returnFocus.current?.focus();
                }
              : undefined
          }
        >
          <div className="dialog-header">
            <RadixDialog.Title tabIndex={-1}>{title}</RadixDialog.Title>
            <RadixDialog.Close className="button ghost small" aria-label={t('common.close')}>
              ✕
            </RadixDialog.Close>
          </div>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
};

/** The text a value shows: a string, or elements around one (<span data-testid="balance">…</span>). */
const textOf = (node: ReactNode): string =>
  typeof node === 'string' || typeof node === 'number'
    ? String(node)
    : Array.isArray(node)
      ? node.map(textOf).join('')
      : isValidElement(node)
        ? textOf((node.props as { children?: ReactNode }).children)
        : '';

/**
 * A figure (an amount, a count: no letters) never breaks inside itself ("1 000 000," then "00 €" on a phone): it stays on
 * one line and its size shrinks to its box by its number of characters (--chars, styles.css). A text (a date, a period)
 * wraps as text does.
 */
export const Stat = ({ label, value, tone }: { label: string; value: ReactNode; tone?: string }) => {
  const text = textOf(value);
  const figure = text.trim() !== '' && !/\p{L}/u.test(text);
  return (
    <div className={`stat ${tone ?? ''}`}>
      <dt>{label}</dt>
      <dd className={figure ? 'figure' : undefined} style={figure ? ({ '--chars': text.length } as CSSProperties) : undefined}>
        {value}
      </dd>
    </div>
  );
};
