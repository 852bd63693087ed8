import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { ErrorMessage, Loading, PageHeader, Stat, useDocumentTitle } from '../../components/ui';
import { api, unwrap } from '../../lib/api-client';
import { invalidateMoneyViews } from '../../lib/money-views';
import { useI18n } from '../../lib/i18n';
import { useStepName, useStepReason } from '../invoices/components/step-reason';
import '../notifications/texts';
import { NoReplyAddressWarning } from '../settings/reply-address';
import { useCockpit, useLettersToPost, useTodaysReminders } from './api';
import './texts';

/** No open invoice: the next step, and first the company's identity when a new tenant has not given it (sending needs it). */
const NothingOpen = () => {
  const { t } = useI18n();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => unwrap(api().GET('/settings')) });
  const company = settings.data?.company;
  const incomplete = settings.isSuccess && (!company?.siren || !company.address);
  return (
    <div className="empty" data-testid="home-empty">
      <p className="empty-title">{t('home.nothingOpen')}</p>
      {incomplete && (
        <p>
          {t('homeMore.companyFirst')} <Link to="/settings">{t('homeMore.companyLink')}</Link>
        </p>
      )}
      <div className="row centered-row">
        <Link to="/invoices/new" className="button primary">
          {t('home.newInvoice')}
        </Link>
        <Link to="/import" className="button">
          {t('homeMore.importCsv')}
        </Link>
      </div>
    </div>
  );
};

const CockpitCharts = lazy(() => import('./components/cockpit-charts'));

/** Home (cockpit): who owes what, what comes in, what goes out today. Figures first, charts after. */
export default function HomeScreen() {
  const { t, money, number, percent, time } = useI18n();
  const cockpit = useCockpit();
  const today = useTodaysReminders();
  const letters = useLettersToPost().data?.items.length ?? 0;
  const stepName = useStepName();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => unwrap(api().GET('/settings')) });
  // The tab says "Accueil", not the greeting (runs after the page header's, which it overrides).
  useDocumentTitle(t('nav.home'));
  const cancel = useMutation({
    mutationFn: ({ invoiceId, stepId }: { invoiceId: string; stepId: string }) =>
      unwrap(api().POST('/invoices/{id}/reminders/{stepId}/cancel', { params: { path: { id: invoiceId, stepId } } })),
    onSuccess: () => invalidateMoneyViews(queryClient),
  });
  return (
    <section>
      <PageHeader title={t('home.title')}>
        <Link to="/invoices/new" className="button primary">
          {t('home.newInvoice')}
        </Link>
        <Link to="/clients/new" className="button">
          {t('home.newClient')}
        </Link>
      </PageHeader>
      <NoReplyAddressWarning settings={settings.data} />
      {letters > 0 && (
        <p className="notice row" data-testid="letters-pending">
          <strong>{t('home.lettersPending', { count: letters })}</strong>
          <Link to="/letters" className="button small">
            {t('home.lettersOpen')}
          </Link>
        </p>
      )}
      {cockpit.isPending ? (
        <Loading />
      ) : cockpit.isError ? (
        <ErrorMessage error={cockpit.error} retry={() => void cockpit.refetch()} />
      ) : (
        <>
          <dl className="stats" data-testid="cockpit-figures">
            <Stat label={t('home.outstanding')} value={money(cockpit.data.outstandingCents)} />
            <Stat label={t('home.overdue')} value={money(cockpit.data.overdueCents)} tone={cockpit.data.overdueCents > 0 ? 'danger' : undefined} />
            <Stat label={t('home.collectedMonth')} value={money(cockpit.data.collectedCents.month)} tone="ok" />
            <Stat label={t('home.dso')} value={cockpit.data.dsoDays === null ? t('common.none') : t('home.days', { count: Math.round(cockpit.data.dsoDays) })} />
          </dl>
          {cockpit.data.openInvoices === 0 && <NothingOpen />}
          <section className="card" aria-labelledby="today-title">
            <h2 id="today-title">{t('home.today')}</h2>
            {/* The tenant's switch is off: the steps planned are skipped when due ("program_off"); said before any list. */}
            {settings.data?.remindersEnabled === false && (
              <p className="notice" data-testid="program-off">
                <strong>{t('homeMore.programOff')}</strong> <Link to="/settings">{t('homeMore.programOn')}</Link>
              </p>
            )}
            {today.isPending ? (
              <Loading />
            ) : today.isError ? (
              <ErrorMessage error={today.error} retry={() => void today.refetch()} />
            ) : today.data.items.filter((i) => i.action === 'send').length === 0 ? (
              <p className="muted">{t('home.nothingToday')}</p>
            ) : (
              <ul className="plain-list" aria-labelledby="today-title">
                {today.data.items
                  .filter((i) => i.action === 'send')
                  .map((i) => (
                    <li key={`${i.invoiceId}-${i.stepId}`} className="row">
                      <span>
                        <Link to={`/invoices/${i.invoiceId}`} className="doc-number">{i.invoiceNumber ?? i.invoiceId}</Link> · {i.clientName} · {stepName(i.stepId)}
                        {/* When it goes out, in the tenant's zone; without its time, the day's send hour (settings). */}
                        {i.at ? (
                          <>
                            {' · '}
                            <time dateTime={i.at}>{t('homeMore.sendsAt', { time: time(i.at, settings.data?.timezone) })}</time>
                          </>
                        ) : (
                          settings.data && ` · ${t('homeMore.sendsAt', { time: `${String(settings.data.sendHour).padStart(2, '0')}:00` })}`
                        )}
                      </span>
                      <button
                        type="button"
                        className="button small"
                        disabled={cancel.isPending}
                        aria-label={t('homeMore.cancelLabel', { step: stepName(i.stepId), invoice: i.invoiceNumber ?? i.invoiceId })}
                        onClick={() => window.confirm(t('homeMore.cancelConfirm')) && cancel.mutate({ invoiceId: i.invoiceId, stepId: i.stepId })}
                      >
                        {t('homeMore.cancel')}
                      </button>
                    </li>
                  ))}
              </ul>
            )}
            {cancel.isError && <ErrorMessage error={cancel.error} />}
          </section>
          <HomeAlerts />
          {/* Empty axes say nothing: the charts come with the first open invoice (the empty state above says how). */}
          {cockpit.data.openInvoices > 0 && (
            <Suspense fallback={<Loading />}>
              <CockpitCharts cockpit={cockpit.data} />
            </Suspense>
          )}
          <div className="grid-2">
            <section className="card" aria-labelledby="late-title">
              <h2 id="late-title">{t('home.topLate')}</h2>
              {cockpit.data.topLateClients.length === 0 ? (
                <p className="muted">{t('home.noOverdue')}</p>
              ) : (
                <ul className="plain-list">
                  {cockpit.data.topLateClients.map((c) => (
                    <li key={c.clientId} className="row">
                      <Link to={`/clients/${c.clientId}`}>{c.name}</Link>
                      <strong>{money(c.overdueCents)}</strong>
                      <span className="muted">{t('invoices.daysLate', { count: c.oldestDaysLate })}</span>
                    </li>
                  ))}
                </ul>
              )}
              <Link to="/invoices?tab=overdue">{t('home.followUp')}</Link>
            </section>
            <section className="card" aria-labelledby="reminders-title">
              <h2 id="reminders-title">{t('home.reminders')}</h2>
              <dl className="stats">
                <Stat label={t('home.sentThisMonth')} value={number(cockpit.data.reminders.sentThisMonth)} />
                <Stat label={t('home.bounces')} value={number(cockpit.data.reminders.bounces)} />
              </dl>
              {cockpit.data.reminders.steps.length > 0 && (
                <ul className="plain-list">
                  {cockpit.data.reminders.steps.map((s) => (
                    <li key={s.stepId}>
                      {stepName(s.stepId)} · {t('home.paidWithin7', { share: percent(s.share) })} ({number(s.paidWithin7Days)}/{number(s.sent)})
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        </>
      )}
    </section>
  );
}

/** The newest unread alerts (disputes, promises, "j'ai payé", failed sendings), the rest one tap away. */
const HomeAlerts = () => {
  const { t, dateTime } = useI18n();
  const stepReason = useStepReason();
  // The alerts screen's "unread only" list: one cache for both.
  const unread = useQuery({
    queryKey: ['notifications', 'list', true],
    queryFn: () => unwrap(api().GET('/notifications', { params: { query: { limit: 50, unread: 'true' } } })),
  });
  const items = unread.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="home-alerts-title" data-testid="home-alerts">
      <h2 id="home-alerts-title">{t('homeMore.alerts')}</h2>
      {unread.isPending ? (
        <Loading />
      ) : unread.isError ? (
        <ErrorMessage error={unread.error} retry={() => void unread.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">{t('homeMore.noAlerts')}</p>
      ) : (
        <>
          <ul className="plain-list">
            {items.slice(0, 3).map((n) => (
              <li key={n.id}>
                <strong>{t(`alerts.kinds.${n.kind}`, { defaultValue: n.kind })}</strong>
                {/* A step that could not go out: what the client's record lacks (no mobile number, no postal address). */}
                {n.kind === 'step_skipped' && typeof n.detail?.reason === 'string' && <> ({stepReason(n.detail.reason)})</>} · <Link to={`/invoices/${n.invoiceId}`} className="doc-number">{n.invoiceNumber ?? n.invoiceId}</Link> · {n.clientName}{' '}
                <span className="muted">{dateTime(n.at)}</span>
              </li>
            ))}
          </ul>
          <Link to="/notifications">{items.length > 3 || unread.data?.nextCursor ? t('homeMore.moreAlerts', { count: items.length }) : t('homeMore.seeAlerts')}</Link>
        </>
      )}
    </section>
  );
};
