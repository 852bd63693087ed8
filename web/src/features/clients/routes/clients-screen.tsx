import { useDeferredValue } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorMessage, Loading, PageHeader } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { searchTerm } from '../../../lib/validators';
import { useClients, type ClientQuery } from '../api';
import '../texts';

const SORTS = ['name', 'balance', 'overdue'] as const;

/** Clients with what they owe and how late they pay; search and sort kept in the URL. */
export default function ClientsScreen() {
  const { t, money, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = (SORTS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as ClientQuery['sort']) : undefined;
  const search = useDeferredValue(searchTerm(q));
  const clients = useClients({ ...(search ? { q: search } : {}), ...(sort ? { sort } : {}) });
  const items = clients.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  return (
    <section>
      <PageHeader title={t('clients.title')}>
        <Link to="/clients/new" className="button primary">
          {t('clients.new')}
        </Link>
      </PageHeader>
      <div className="row" style={{ marginBottom: '0.75rem' }} role="search">
        <label className="visually-hidden" htmlFor="client-search">
          {t('clients.search')}
        </label>
        <input id="client-search" type="search" className="button small" placeholder={t('clients.search')} value={q} onChange={(e) => set('q', e.target.value)} />
        <label className="visually-hidden" htmlFor="client-sort">
          {t('invoices.sort')}
        </label>
        <select id="client-sort" className="button small" value={sort ?? ''} onChange={(e) => set('sort', e.target.value)}>
          <option value="">{t('clientMore.sortAdded')}</option>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`clients.sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {clients.isPending ? (
        <Loading />
      ) : clients.isError ? (
        <ErrorMessage error={clients.error} retry={() => void clients.refetch()} />
      ) : items.length === 0 ? (
        search ? (
          // As the invoices' search says it: what was looked for, how to look, and the way back to every client.
          <EmptyState
            title={t('clientMore.noMatchFor', { q: search })}
            extra={
              <button
                type="button"
                className="button"
                onClick={() => {
                  set('q', '');
                  document.getElementById('client-search')?.focus();
                }}
              >
                {t('clientMore.clearSearch')}
              </button>
            }
          >
            {t('clientMore.noMatchHint')}
          </EmptyState>
        ) : (
          <EmptyState title={t('clients.empty')} action={{ to: '/clients/new', label: t('clients.new') }}>
            {t('clients.emptyHint')}
          </EmptyState>
        )
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">{t('clients.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('clients.name')}</th>
                <th scope="col" className="num">{t('invoices.balance')}</th>
                <th scope="col" className="num">{t('home.overdue')}</th>
                <th scope="col">{t('clients.behaviour')}</th>
                <th scope="col">{t('clients.reminders')}</th>
                <th scope="col">{t('clients.lastMessage')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('clients.name')}>
                    <Link to={`/clients/${c.id}`}>{c.name}</Link> {c.emailStatus === 'bouncing' && <span className="badge danger">{t('clients.bouncingShort')}</span>}
                  </td>
                  <td data-label={t('invoices.balance')} className="num">
                    <strong>{money(c.balanceCents)}</strong>
                  </td>
                  <td data-label={t('home.overdue')} className="num">
                    {money(c.overdueCents)}
                  </td>
                  <td data-label={t('clients.behaviour')}>
                    {c.oldestDaysLate > 0 ? t('invoices.daysLate', { count: c.oldestDaysLate }) : t('common.none')}
                    {(c.avgDaysLate ?? 0) > 0 && <span className="muted"> · {t('clients.avgLate', { count: Math.round(c.avgDaysLate ?? 0) })}</span>}
                  </td>
                  <td data-label={t('clients.reminders')}>{c.remindersEnabled ? t('clients.remindersOn') : t('clients.remindersOff')}</td>
                  <td data-label={t('clients.lastMessage')}>{c.lastReminderAt ?? c.lastMessageAt ? dateTime((c.lastReminderAt ?? c.lastMessageAt)!) : t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {clients.hasNextPage && (
        <button type="button" className="button" onClick={() => void clients.fetchNextPage()}>
          {t('common.more')}
        </button>
      )}
    </section>
  );
}
