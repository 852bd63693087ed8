import { Tabs } from 'radix-ui';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorMessage, Loading, PageHeader } from '../../../components/ui';
import { todayIso } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useClientNames, useInvoiceList, type InvoiceQuery } from '../api';
import { InvoiceTable } from '../components/invoice-table';
import { isTab, TABS, tabQuery, type Tab } from '../follow-up';

/** The follow-up list: tabs, client filter and sort kept in the URL. */
export default function InvoicesScreen() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : 'toChase';
  const clientId = params.get('client') ?? '';
  const sort = params.get('sort') === '-dueDate' ? '-dueDate' : 'dueDate';
  const query: InvoiceQuery = useMemo(
    () => ({ ...tabQuery(tab, todayIso()), ...(clientId ? { clientId } : {}), sort, limit: 25 }),
    [tab, clientId, sort],
  );
  const list = useInvoiceList(query);
  const clients = useClientNames();
  const names = useMemo(() => new Map((clients.data ?? []).map((c) => [c.id, c.name])), [clients.data]);
  const set = (key: string, value: string) =>
    setParams((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
      return p;
    });
  const invoices = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section>
      <PageHeader title={t('invoices.title')}>
        <Link to="/invoices/new" className="button primary">
          {t('invoices.new')}
        </Link>
      </PageHeader>
      <Tabs.Root value={tab} onValueChange={(v) => set('tab', v)} activationMode="manual">
        <Tabs.List className="tabs-list" aria-label={t('invoices.tabs.label')}>
          {TABS.map((key) => (
            <Tabs.Trigger key={key} value={key}>
              {t(`invoices.tabs.${key}`)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <div className="row" style={{ marginBottom: '0.75rem' }}>
          <label className="visually-hidden" htmlFor="filter-client">
            {t('invoices.client')}
          </label>
          <select id="filter-client" className="button small" value={clientId} onChange={(e) => set('client', e.target.value)}>
            <option value="">{t('invoices.client')} : —</option>
            {(clients.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor="filter-sort">
            {t('invoices.sort')}
          </label>
          <select id="filter-sort" className="button small" value={sort} onChange={(e) => set('sort', e.target.value === 'dueDate' ? '' : e.target.value)}>
            <option value="dueDate">{t('invoices.sortDueAsc')}</option>
            <option value="-dueDate">{t('invoices.sortDueDesc')}</option>
          </select>
        </div>
        {TABS.map((key) => (
          <Tabs.Content key={key} value={key}>
            {key === tab &&
              (list.isPending ? (
                <Loading />
              ) : list.isError ? (
                <ErrorMessage error={list.error} retry={() => void list.refetch()} />
              ) : invoices.length === 0 ? (
                <EmptyState title={t('invoices.empty')} action={{ to: '/invoices/new', label: t('invoices.new') }}>
                  {t('invoices.emptyHint')}
                </EmptyState>
              ) : (
                <>
                  <InvoiceTable invoices={invoices} clientNames={names} />
                  {list.hasNextPage && (
                    <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                      {t('common.more')}
                    </button>
                  )}
                </>
              ))}
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </section>
  );
}
