import { useMemo } from 'react';
import { Link } from 'react-router';
import { AsyncState, EmptyState, PageHeader, StatusBadge } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { noJobFor, quoteStatus, useClientsForQuotes, useQuotes } from '../api';

export default function QuotesScreen() {
  const { t, money, date } = useI18n();
  const quotes = useQuotes();
  const clients = useClientsForQuotes();
  const names = useMemo(() => new Map((clients.data ?? []).map((c) => [c.id, c.name])), [clients.data]);
  return (
    <section>
      <PageHeader title={t('quotes.title')}>
        <Link to="/quotes/new" className="button primary">
          {t('quotes.new')}
        </Link>
      </PageHeader>
      <AsyncState
        query={quotes}
        isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}
        empty={
          <EmptyState title={t('quotes.empty')} action={{ to: '/quotes/new', label: t('quotes.new') }}>
            {t('quotes.emptyHint')}
          </EmptyState>
        }
      >
        {(data) => (
          <>
            <div className="table-wrap">
              <table className="responsive">
                <thead>
                  <tr>
                    <th scope="col">{t('invoices.number')}</th>
                    <th scope="col">{t('invoices.client')}</th>
                    <th scope="col">{t('quotes.validUntil')}</th>
                    <th scope="col" className="num">{t('quotes.quoted')}</th>
                    <th scope="col" className="num">{t('quotes.remaining')}</th>
                    <th scope="col">{t('invoices.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.pages.flatMap((p) => p.items).map((q) => (
                    <tr key={q.id}>
                      <td data-label={t('invoices.number')}>
                        <Link to={`/quotes/${q.id}`} className="doc-number">{q.number ?? t('invoices.draftNumber')}</Link>
                      </td>
                      <td data-label={t('invoices.client')}>{names.get(q.clientId) ?? '…'}</td>
                      <td data-label={t('quotes.validUntil')}>{date(q.validUntil)}</td>
                      <td data-label={t('quotes.quoted')} className="num">{money(q.job.quotedCents)}</td>
                      <td data-label={t('quotes.remaining')} className="num">{noJobFor(q) ? '—' : money(q.job.remainingCents)}</td>
                      <td data-label={t('invoices.status')}>
                        <StatusBadge status={quoteStatus(q)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {quotes.hasNextPage && (
              <p>
                <button type="button" className="button" disabled={quotes.isFetchingNextPage} onClick={() => void quotes.fetchNextPage()}>
                  {t('common.more')}
                </button>
              </p>
            )}
          </>
        )}
      </AsyncState>
    </section>
  );
}
