import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AsyncState, EmptyState, Field, PageHeader } from '../../components/ui';
import { api, unwrap } from '../../lib/api-client';
import { addDaysIso } from '../../lib/dates';
import { todayIso } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { SimulationDays } from './simulation-days';

/** A calendar of what would go out: one group per day, sends (with their channel), skips with their reason, moves to litigation, and which rule chose each scenario. */
export default function SimulationScreen() {
  const { t } = useI18n();
  const [range, setRange] = useState(() => ({ from: todayIso(), to: addDaysIso(todayIso(), 30) }));
  const [draft, setDraft] = useState(range);
  const scenarios = useQuery({ queryKey: ['scenarios'], queryFn: () => unwrap(api().GET('/scenarios')), staleTime: 60_000 });
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => unwrap(api().GET('/templates')), staleTime: 60_000 });
  const simulation = useQuery({
    queryKey: ['simulation', range],
    queryFn: () =>
      unwrap(api().GET('/reminders/simulation', { params: { query: { from: `${range.from}T00:00:00Z`, to: `${range.to}T23:59:59Z` } } })),
  });
  return (
    <section>
      <PageHeader title={t('simulation.title')} />
      <p className="muted">{t('simulation.intro')}</p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          setRange(draft);
        }}
      >
        <Field label={t('simulation.from')}>{(p) => <input {...p} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}</Field>
        <Field label={t('simulation.to')}>{(p) => <input {...p} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}</Field>
        <button type="submit" className="button primary">
          {t('simulation.run')}
        </button>
      </form>
      <AsyncState query={simulation} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title={t('simulation.empty')} />}>
        {(data) => (
          <SimulationDays
            simulation={data}
            scenarioNames={Object.fromEntries((scenarios.data?.items ?? []).map((x) => [x.id, x.name]))}
            templateNames={Object.fromEntries((templates.data?.items ?? []).map((x) => [x.id, x.name]))}
          />
        )}
      </AsyncState>
    </section>
  );
}
