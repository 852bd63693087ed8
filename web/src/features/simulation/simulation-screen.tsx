import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AsyncState, EmptyState, Field, PageHeader } from '../../components/ui';
import { api, unwrap } from '../../lib/api-client';
import { listAllClients } from '../../lib/all-clients';
import { addDaysIso } from '../../lib/dates';
import { todayIso } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useScenarioName } from '../../lib/scenario-name';
import { ApiError } from '../../lib/problem';
import { SimulationDays } from './simulation-days';
import './texts';

/** The API's limit on a simulation's span (shared/app/reminders/simulation.ts). */
const MAX_DAYS = 366;
const dayCount = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A calendar of what would go out: one group per day, sends (with their channel), skips with their reason, moves to litigation, and which rule chose each scenario. */
export default function SimulationScreen() {
  const { t } = useI18n();
  const said = useScenarioName();
  const [range, setRange] = useState(() => ({ from: todayIso(), to: addDaysIso(todayIso(), 30) }));
  const [draft, setDraft] = useState(range);
  const scenarios = useQuery({ queryKey: ['scenarios'], queryFn: () => unwrap(api().GET('/scenarios')), staleTime: 60_000 });
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => unwrap(api().GET('/templates')), staleTime: 60_000 });
  const clients = useQuery({ queryKey: ['clients', 'names'], queryFn: listAllClients, staleTime: 60_000 });
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const simulation = useQuery({
    queryKey: ['simulation', range],
    queryFn: () =>
      // Bare dates: whole days where the tenant lives (the API reads them in its time zone).
      unwrap(api().GET('/reminders/simulation', { params: { query: { from: range.from, to: range.to } } })),
  });
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => unwrap(api().GET('/settings')) });
  // The API's refusal of a date, under that date.
  const apiFields = simulation.error instanceof ApiError ? simulation.error.fieldErrors() : {};
  return (
    <section>
      <PageHeader title={t('simulation.title')} />
      <p className="muted">{t('simulation.intro')}</p>
      <form
        className="row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // Checked here, under each date, before asking: the API would refuse the same (query.to).
          const found = {
            ...(!draft.from && { from: t('simulationMore.required') }),
            ...(!draft.to
              ? { to: t('simulationMore.required') }
              : draft.from && draft.to < draft.from
                ? { to: t('simulationMore.toBeforeFrom') }
                : draft.from && dayCount(draft.from, draft.to) > MAX_DAYS
                  ? { to: t('simulationMore.tooLong', { days: MAX_DAYS }) }
                  : {}),
          };
          setErrors(found);
          if (Object.keys(found).length === 0) setRange(draft);
        }}
      >
        <Field label={t('simulation.from')} error={errors.from ?? apiFields.from}>
          {(p) => <input {...p} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
        </Field>
        <Field label={t('simulation.to')} error={errors.to ?? apiFields.to}>
          {(p) => <input {...p} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
        </Field>
        <button type="submit" className="button primary">
          {t('simulation.run')}
        </button>
      </form>
      {!(apiFields.from || apiFields.to) && (
        <AsyncState query={simulation} isEmpty={(d) => d.items.length === 0} empty={
            <EmptyState title={t('simulation.empty')} action={{ to: '/invoices?tab=all', label: t('simulationMore.emptyAction') }}>
              {t('simulationMore.emptyHint')}
            </EmptyState>
          }>
          {(data) => (
            <SimulationDays
              simulation={data}
              scenarioNames={Object.fromEntries((scenarios.data?.items ?? []).map((x) => [x.id, said(x.name)]))}
              templateNames={Object.fromEntries((templates.data?.items ?? []).map((x) => [x.id, x.name]))}
              clientLanguages={Object.fromEntries((clients.data ?? []).map((c) => [c.id, c.language ?? 'fr']))}
              {...(settings.data?.timezone ? { timeZone: settings.data.timezone } : {})}
            />
          )}
        </AsyncState>
      )}
    </section>
  );
}
