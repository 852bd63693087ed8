import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { AsyncState, PageHeader, StatusBadge } from '../../components/ui';
import { api, unwrap } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';

/** Home: what is late, most urgent first, and the two most frequent actions. */
export default function HomeScreen() {
  const { t, money, date } = useI18n();
  const overdue = useQuery({
    queryKey: ['invoices', 'list', { status: 'overdue', home: true }],
    queryFn: () => unwrap(api().GET('/invoices', { params: { query: { status: 'overdue', limit: 10, sort: 'dueDate' } } })),
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
      <section className="card" aria-labelledby="overdue-title">
        <h2 id="overdue-title">{t('home.overdueTitle')}</h2>
        <AsyncState query={overdue} isEmpty={(d) => d.items.length === 0} empty={<p className="muted">{t('home.noOverdue')}</p>}>
          {(data) => (
            <ul className="plain-list">
              {data.items.map((inv) => (
                <li key={inv.id} className="row">
                  <Link to={`/invoices/${inv.id}`}>{inv.number}</Link>
                  <strong>{money(inv.balanceCents)}</strong>
                  <span className="muted">
                    {date(inv.dueDate)} · {t('invoices.daysLate', { count: inv.daysLate })}
                  </span>
                  <StatusBadge status="overdue" />
                </li>
              ))}
            </ul>
          )}
        </AsyncState>
        <Link to="/invoices">{t('home.followUp')}</Link>
      </section>
    </section>
  );
}
