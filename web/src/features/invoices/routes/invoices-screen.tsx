import { Tabs } from 'radix-ui';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { keepActiveTabInView } from '../../../components/layout';
import { EmptyState, ErrorMessage, Loading, PageHeader } from '../../../components/ui';
import { fetchBlobUrl } from '../../../lib/api-client';
import { config } from '../../../lib/config';
import { todayIso } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { searchTerm } from '../../../lib/validators';
import { useClientNames, useHasDrafts, useHasInvoices, useInvoiceList, type Invoice, type InvoiceQuery } from '../api';
import { InvoiceTable } from '../components/invoice-table';
import { MassSendDialog } from '../components/mass-send';
import { isTab, latenessQuery, LATENESS, SORTS, TABS, tabQuery, type Tab } from '../follow-up';
import '../texts';

/** The follow-up list: tabs, search, client and lateness filters and sort, all kept in the URL. */
/** What an empty tab offers: the simulation shows the reminders to come; a draft is a new invoice. */
const EMPTY_ACTIONS: Partial<Record<Tab, { to: string; label: string }>> = {
  toChase: { to: '/simulation', label: 'followUp.seeSimulation' },
  reminded: { to: '/simulation', label: 'followUp.seeSimulation' },
  dueSoon: { to: '/simulation', label: 'followUp.seeSimulation' },
  drafts: { to: '/invoices/new', label: 'invoices.new' },
};

export default function InvoicesScreen() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : 'toChase';
  const clientId = params.get('client') ?? '';
  const sortParam = params.get('sort') ?? '';
  const sort = (SORTS as readonly string[]).includes(sortParam) ? (sortParam as (typeof SORTS)[number]) : 'dueDate';
  const late = (LATENESS as readonly string[]).includes(params.get('late') ?? '') ? (params.get('late') as (typeof LATENESS)[number]) : '';
  const q = params.get('q')?.trim() ?? '';
  const [search, setSearch] = useState(q);
  // The tabs scroll sideways (a phone, or a narrow window): the current one is brought into view, whether opened
  // by a link (?tab=drafts), the back button or "Voir les brouillons" (it sat off-screen to the right).
  const tabList = useRef<HTMLDivElement>(null);
  useEffect(() => keepActiveTabInView(tabList.current, '[role="tab"][data-state="active"]'), [tab, lang]);
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: key === 'q' },
    );
  useEffect(() => {
    if (search.trim() === q) return;
    const timer = setTimeout(() => set('q', search.trim()), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, q]);
  const filters: InvoiceQuery = useMemo(
    () => ({ ...tabQuery(tab, todayIso()), ...latenessQuery(late), ...(clientId ? { clientId } : {}), ...(searchTerm(q) ? { q: searchTerm(q) } : {}), sort }),
    [tab, clientId, sort, late, q],
  );
  const list = useInvoiceList({ ...filters, limit: 25 });
  const clients = useClientNames();
  const names = useMemo(() => new Map((clients.data ?? []).map((c) => [c.id, c.name])), [clients.data]);
  const invoices = list.data?.pages.flatMap((p) => p.items) ?? [];
  const hasInvoices = useHasInvoices(list.isSuccess && invoices.length === 0 && tab !== 'all');
  const noInvoiceYet = hasInvoices.data === false;
  // An empty tab while drafts wait: they are followed only once sent, so the tab says where they are.
  const hasDrafts = useHasDrafts(list.isSuccess && invoices.length === 0 && tab !== 'drafts' && tab !== 'all' && !q && !clientId && !late);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selection = {
    selected,
    toggle: (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id]))),
    setAll: (ids: string[], on: boolean) => setSelected((s) => (on ? new Set([...s, ...ids]) : new Set([...s].filter((x) => !ids.includes(x))))),
  };
  const chosen = invoices.filter((i) => selected.has(i.id));
  // The invoices of the open mass-send dialog, as they were when it opened: the list refetched after the
  // send no longer holds them (they leave "à relancer"), and the dialog would go with its results.
  const [sending, setSending] = useState<readonly Invoice[]>();
  const batch = sending ?? chosen;
  const selectable = tab !== 'drafts';

  return (
    <section>
      <PageHeader title={t('invoices.title')}>
        <ExportButton query={filters} />
        <Link to="/import" className="button">
          {t('followUp.import')}
        </Link>
        <Link to="/invoices/new" className="button primary">
          {t('invoices.new')}
        </Link>
      </PageHeader>
      <div className="field search-field">
        <label htmlFor="invoice-search">{t('followUp.search')}</label>
        <input id="invoice-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} aria-describedby="invoice-search-hint" maxLength={100} />
        <p id="invoice-search-hint" className="hint">
          {t('followUp.searchHint')}
        </p>
      </div>
      <Tabs.Root value={tab} onValueChange={(v) => set('tab', v)} activationMode="manual">
        <Tabs.List ref={tabList} className="tabs-list" aria-label={t('invoices.tabs.label')}>
          {TABS.map((key) => (
            <Tabs.Trigger key={key} value={key}>
              {t(`invoices.tabs.${key}`)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <div className="row filters" role="group" aria-label={t('followUp.filters')} style={{ marginBottom: '0.75rem' }}>
          <label className="visually-hidden" htmlFor="filter-client">
            {t('invoices.client')}
          </label>
          <select id="filter-client" className="button small" value={clientId} onChange={(e) => set('client', e.target.value)}>
            <option value="">{t('followUp.allClients')}</option>
            {(clients.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor="filter-late">
            {t('followUp.lateness')}
          </label>
          <select id="filter-late" className="button small" value={late} onChange={(e) => set('late', e.target.value)}>
            <option value="">{t('followUp.latenessAny')}</option>
            {LATENESS.map((l) => (
              <option key={l} value={l}>
                {t(`followUp.late${l}`)}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor="filter-sort">
            {t('invoices.sort')}
          </label>
          <select id="filter-sort" className="button small" value={sort} onChange={(e) => set('sort', e.target.value === 'dueDate' ? '' : e.target.value)}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`followUp.sorts.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {TABS.map((key) => (
          <Tabs.Content key={key} value={key}>
            {/* Above the list, not in it: sent reminders take the rows out of this tab (and may empty it) while the dialog shows their results. */}
            {key === tab && batch.length > 0 && (
              <div className="row selection-bar" role="region" aria-label={t('massSend.selected', { count: batch.length })}>
                <strong>{t('massSend.selected', { count: batch.length })}</strong>
                <MassSendDialog invoices={batch} onOpenChange={(open) => setSending(open ? chosen : undefined)} onDone={() => setSelected(new Set())} />
                <button type="button" className="button small" onClick={() => setSelected(new Set())}>
                  {t('massSend.clear')}
                </button>
              </div>
            )}
            {key === tab &&
              (list.isPending || hasInvoices.isLoading ? (
                <Loading />
              ) : list.isError ? (
                <ErrorMessage error={list.error} retry={() => void list.refetch()} />
              ) : invoices.length === 0 ? (
                q ? (
                  <div className="empty">
                    <p className="empty-title">{t('followUp.noSearchResult', { q })}</p>
                    <p className="muted">{t('followUp.noSearchHint')}</p>
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        setSearch('');
                        // The button goes with the empty result: the user is back where they type.
                        document.getElementById('invoice-search')?.focus();
                      }}
                    >
                      {t('followUp.clearSearch')}
                    </button>
                  </div>
                ) : clientId || late ? (
                  // Filters hide what the tab holds: say so, and offer to clear them (not "create an invoice").
                  <div className="empty">
                    <p className="empty-title">{t('followUp.emptyFiltered')}</p>
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        setParams((prev) => {
                          const p = new URLSearchParams(prev);
                          p.delete('client');
                          p.delete('late');
                          return p;
                        });
                        // The button goes with the filters: the focus stays with them, on the first one.
                        document.getElementById('filter-client')?.focus();
                      }}
                    >
                      {t('followUp.clearFilters')}
                    </button>
                  </div>
                ) : key === 'all' || noInvoiceYet ? (
                  <EmptyState title={t('invoices.empty')} action={{ to: '/invoices/new', label: t('invoices.new') }}>
                    {t('invoices.emptyHint')}
                  </EmptyState>
                ) : (
                  // Each tab's own words: why it is empty and what fills it.
                  <EmptyState
                    title={t(`followUp.emptyTabs.${key}.title`)}
                    action={hasDrafts.data ? undefined : EMPTY_ACTIONS[key] && { to: EMPTY_ACTIONS[key].to, label: t(EMPTY_ACTIONS[key].label) }}
                    extra={
                      hasDrafts.data && (
                        <>
                          <p data-testid="drafts-waiting">{t('followUp.draftsWaiting')}</p>
                          <button type="button" className="button primary" onClick={() => set('tab', 'drafts')}>
                            {t('followUp.seeDrafts')}
                          </button>
                        </>
                      )
                    }
                  >
                    {t(`followUp.emptyTabs.${key}.hint`)}
                  </EmptyState>
                )
              ) : (
                <>
                  <InvoiceTable invoices={invoices} clientNames={names} selection={selectable ? selection : undefined} />
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

/** The same filters and sort as a CSV for the accountant, in the app's language (fetched with the token, then saved). */
const ExportButton = ({ query }: { query: InvoiceQuery }) => {
  const { t, lang } = useI18n();
  const [state, setState] = useState<{ busy?: boolean; error?: unknown }>({});
  const run = async () => {
    setState({ busy: true });
    try {
      const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      // The file in the language the app is read in: headers, statuses, separator, decimals and dates.
      search.set('lang', lang);
      const url = await fetchBlobUrl(config().apiUrl, `/invoices/export.csv?${search}`);
      const a = document.createElement('a');
      a.href = url;
      a.download = `relances-${todayIso()}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({});
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <>
      <button type="button" className="button" disabled={state.busy} onClick={() => void run()}>
        {state.busy ? t('followUp.exporting') : t('followUp.export')}
      </button>
      {state.error !== undefined && <ErrorMessage error={state.error} />}
    </>
  );
};
