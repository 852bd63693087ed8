import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { operations } from '../../api/schema';
import { ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { api, unwrap } from '../../lib/api-client';
import { invalidateMoneyViews } from '../../lib/money-views';
import { todayIso } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useStepName, useStepReason } from '../invoices/components/step-reason';
import './texts';

type Notification = operations['listNotifications']['responses'][200]['content']['application/json']['items'][number];

/** The daily overview (what goes out, letters to post, yesterday's payments, newly overdue) and the owner's alerts. */
export default function NotificationsScreen() {
  const { t } = useI18n();
  return (
    <section>
      <PageHeader title={t('alerts.title')} />
      <Overview />
      <Alerts />
    </section>
  );
}

const Overview = () => {
  const { t, money, date, dateTime } = useI18n();
  const stepName = useStepName();
  const queryClient = useQueryClient();
  const [day, setDay] = useState(todayIso());
  const overview = useQuery({ queryKey: ['overview', day], queryFn: () => unwrap(api().GET('/overview', { params: { query: { date: day } } })) });
  const cancel = useMutation({
    mutationFn: ({ invoiceId, stepId }: { invoiceId: string; stepId: string }) =>
      unwrap(api().POST('/invoices/{id}/reminders/{stepId}/cancel', { params: { path: { id: invoiceId, stepId } } })),
    onSuccess: () => invalidateMoneyViews(queryClient),
  });
  const invoice = (r: { invoiceId: string; invoiceNumber?: string; clientName: string }) => (
    <>
      <Link to={`/invoices/${r.invoiceId}`} className="doc-number">{r.invoiceNumber ?? r.invoiceId}</Link> · {r.clientName}
    </>
  );
  type Reminder = NonNullable<typeof overview.data>['reminders'][number];
  // As the morning email: a step the client rules send on a later day (`postponedTo`) or skip (`skippedBy`: a courtesy step
  // pushed onto its due date) is not going out that day; it was listed as going out.
  const going = overview.data?.reminders.filter((r) => !r.undeliverable && !r.skippedBy && !r.postponedTo) ?? [];
  const blocked = overview.data?.reminders.filter((r) => r.undeliverable || r.skippedBy) ?? [];
  const postponed = overview.data?.reminders.filter((r) => !r.undeliverable && !r.skippedBy && r.postponedTo) ?? [];
  const reminderRow = (r: Reminder) => (
    <li key={`${r.invoiceId}-${r.stepId}`} className="row">
      <span>{invoice(r)}</span>
      <span className="muted">
        {stepName(r.stepId)} · {dateTime(r.scheduledAt)}
      </span>
      {(r.undeliverable ?? r.skippedBy) && <span className="field-warning">{t(`alerts.undeliverable.${(r.undeliverable ?? r.skippedBy)!}`)}</span>}
      {!r.undeliverable && !r.skippedBy && r.postponedTo && (
        <span className="muted">{t('alerts.postponedTo', { date: dateTime(r.postponedTo), reason: t(`invoiceMore.postponedBy.${r.postponedBy === 'gap' || r.postponedBy === 'same_day' || r.postponedBy === 'order' ? r.postponedBy : 'other'}`) })}</span>
      )}
      <button
        type="button"
        className="button small"
        disabled={cancel.isPending}
        aria-label={t('alerts.cancelLabel', { step: stepName(r.stepId), invoice: r.invoiceNumber ?? r.invoiceId })}
        // As on Home: one tap on a phone must not cancel a reminder by mistake.
        onClick={() => window.confirm(t('alerts.cancelConfirm')) && cancel.mutate({ invoiceId: r.invoiceId, stepId: r.stepId })}
      >
        {t('alerts.cancel')}
      </button>
    </li>
  );
  return (
    <section className="card" aria-labelledby="overview-title">
      <div className="page-header">
        <h2 id="overview-title">{t('alerts.overview')}</h2>
        <label className="row">
          <span>{t('alerts.day')}</span>
          <input type="date" className="button small" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </label>
      </div>
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <ErrorMessage error={overview.error} retry={() => void overview.refetch()} />
      ) : (
        <>
          <h3>{t('alerts.remindersToday', { count: going.length })}</h3>
          {cancel.isError && <ErrorMessage error={cancel.error} />}
          {cancel.isSuccess && (
            <p role="status" className="success">
              {t('alerts.cancelled')}
            </p>
          )}
          {going.length === 0 ? (
            <p className="muted">{t('alerts.noReminders')}</p>
          ) : (
            <ul className="plain-list" data-testid="overview-reminders">
              {going.map(reminderRow)}
            </ul>
          )}
          {postponed.length > 0 && (
            <>
              <h3>{t('alerts.postponedToday', { count: postponed.length })}</h3>
              <ul className="plain-list" data-testid="overview-postponed">
                {postponed.map(reminderRow)}
              </ul>
            </>
          )}
          {blocked.length > 0 && (
            <>
              {/* Steps that cannot reach the client as it stands (every address bounced…): never counted as going out. */}
              <h3>{t('alerts.undeliverableToday', { count: blocked.length })}</h3>
              <ul className="plain-list" data-testid="overview-undeliverable">
                {blocked.map(reminderRow)}
              </ul>
            </>
          )}
          <h3>{t('alerts.letters', { count: overview.data.letters.length })}</h3>
          {overview.data.letters.length === 0 ? (
            <p className="muted">{t('alerts.noLetters')}</p>
          ) : (
            <>
              <ul className="plain-list">
                {overview.data.letters.map((l) => (
                  <li key={`${l.invoiceId}-${l.stepId}`}>
                    {invoice(l)} <span className="muted">· {t('alerts.lettersSince', { date: dateTime(l.since) })}</span>
                  </li>
                ))}
              </ul>
              <p>
                <Link to="/letters">{t('alerts.lettersOpen')}</Link>
              </p>
            </>
          )}
          <h3>{t('alerts.payments', { count: overview.data.payments.length })}</h3>
          {overview.data.payments.length === 0 ? (
            <p className="muted">{t('alerts.noPayments')}</p>
          ) : (
            <ul className="plain-list">
              {overview.data.payments.map((p) => (
                <li key={p.paymentId}>
                  {invoice(p)} · <strong>{money(p.amountCents)}</strong>
                </li>
              ))}
            </ul>
          )}
          <h3>{t('alerts.newlyOverdue', { count: overview.data.newlyOverdue.length })}</h3>
          {overview.data.newlyOverdue.length === 0 ? (
            <p className="muted">{t('alerts.noNewlyOverdue')}</p>
          ) : (
            <ul className="plain-list">
              {overview.data.newlyOverdue.map((o) => (
                <li key={o.invoiceId}>
                  {invoice(o)} · {date(o.dueDate)} · <strong>{money(o.balanceCents)}</strong>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
};

const Alerts = () => {
  const { t, lang, date, dateTime, number } = useI18n();
  const stepName = useStepName();
  const stepReason = useStepReason();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  // Newest first, 50 a page: the older alerts come with "Voir plus" (a key of its own: Home reads the first page as one query).
  const list = useInfiniteQuery({
    queryKey: ['notifications', 'pages', unreadOnly],
    queryFn: ({ pageParam }) =>
      unwrap(api().GET('/notifications', { params: { query: { limit: 50, ...(unreadOnly ? { unread: 'true' as const } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
  const alerts = list.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const read = useMutation({ mutationFn: (id: string) => unwrap(api().POST('/notifications/{id}/read', { params: { path: { id } } })), onSuccess: refresh });
  const readAll = useMutation({ mutationFn: () => unwrap(api().POST('/notifications/read-all')), onSuccess: refresh });
  // Each fact as people write it: dates by Intl, a step by its name, a reason and a bounce in words.
  const value = (k: string, v: string | number | boolean) =>
    typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v)
      ? date(v)
      : typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)
        ? dateTime(v)
        : k === 'stepId'
          ? stepName(String(v))
          : k === 'reason'
            ? stepReason(String(v))
            : k === 'bounceType'
              ? t(`alerts.bounceTypes.${String(v)}`, { defaultValue: String(v) })
              : k === 'held' || k === 'cause'
                ? t(`alerts.${k === 'held' ? 'held' : 'causes'}.${String(v)}`, { defaultValue: String(v) })
              : typeof v === 'number'
                ? number(v)
                : String(v);
  const fixLabel = (n: Notification) => {
    const reason = n.detail?.reason;
    const key = reason === 'no_phone' || reason === 'no_postal_address' ? reason : 'other';
    return t(`alerts.fix.${key}`, { client: n.clientName });
  };
  const detail = (n: Notification) =>
    Object.entries(n.detail ?? {})
      .map(([k, v]) => `${t(`alerts.detail.${k}`, { defaultValue: k })}${lang === 'fr' ? ' : ' : ': '}${value(k, v)}`)
      .join(' · ');
  return (
    <section className="card" aria-labelledby="alerts-title">
      <div className="page-header">
        <h2 id="alerts-title">{t('alerts.alerts')}</h2>
        <div className="row">
          <label className="checkbox">
            <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> {t('alerts.unreadOnly')}
          </label>
          <button type="button" className="button small" disabled={readAll.isPending} onClick={() => readAll.mutate()}>
            {t('alerts.markAllRead')}
          </button>
        </div>
      </div>
      {(read.error ?? readAll.error) && <ErrorMessage error={read.error ?? readAll.error} />}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} retry={() => void list.refetch()} />
      ) : alerts.length === 0 ? (
        <p className="empty muted">{unreadOnly ? t('alerts.emptyUnread') : t('alerts.empty')}</p>
      ) : (
        <ul className="plain-list" data-testid="alerts">
          {alerts.map((n) => (
            <li key={n.id} className={n.read ? '' : 'unread'}>
              <div className="row">
                <strong>{t(`alerts.kinds.${n.kind}`, { defaultValue: n.kind })}</strong>
                {!n.read && <span className="badge info">{t('alerts.unread')}</span>}
                <span className="muted">{dateTime(n.at)}</span>
              </div>
              <div>
                <Link to={`/invoices/${n.invoiceId}`} className="doc-number">{n.invoiceNumber ?? n.invoiceId}</Link> · {n.clientName}
              </div>
              {n.detail && <div className="muted">{detail(n)}</div>}
              {/* A step the client's record kept from going out: one tap to the record to add what it lacks. */}
              {n.kind === 'step_skipped' && n.clientId && (
                <div>
                  <Link to={`/clients/${n.clientId}`}>{fixLabel(n)}</Link>
                </div>
              )}
              {!n.read && (
                <button type="button" className="button small" disabled={read.isPending} onClick={() => read.mutate(n.id)}>
                  {t('alerts.markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <p>
          <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common.more')}
          </button>
        </p>
      )}
    </section>
  );
};
