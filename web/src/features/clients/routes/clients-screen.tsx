import { Link } from 'react-router';
import { EmptyState, ErrorMessage, Loading, PageHeader } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useClients } from '../api';

export default function ClientsScreen() {
  const { t, dateTime } = useI18n();
  const clients = useClients();
  const items = clients.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <PageHeader title={t('clients.title')}>
        <Link to="/clients/new" className="button primary">
          {t('clients.new')}
        </Link>
      </PageHeader>
      {clients.isPending ? (
        <Loading />
      ) : clients.isError ? (
        <ErrorMessage error={clients.error} retry={() => void clients.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('clients.empty')} action={{ to: '/clients/new', label: t('clients.new') }}>
          {t('clients.emptyHint')}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">{t('clients.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('clients.name')}</th>
                <th scope="col">{t('clients.kind')}</th>
                <th scope="col">{t('clients.email')}</th>
                <th scope="col">{t('clients.reminders')}</th>
                <th scope="col">{t('clients.lastMessage')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('clients.name')}>
                    <Link to={`/clients/${c.id}`}>{c.name}</Link>
                  </td>
                  <td data-label={t('clients.kind')}>{t(`clients.kinds.${c.kind}`)}</td>
                  <td data-label={t('clients.email')}>
                    {c.email} {c.emailStatus === 'bouncing' && <span className="badge danger">⚠</span>}
                  </td>
                  <td data-label={t('clients.reminders')}>{c.remindersEnabled ? t('clients.remindersOn') : t('clients.remindersOff')}</td>
                  <td data-label={t('clients.lastMessage')}>{c.lastMessageAt ? dateTime(c.lastMessageAt) : t('common.none')}</td>
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
